/**
 * Rule `references`: every table and figure is placed (the loader rejects
 * unknown and double placements) and cited in the text, the numbering runs
 * 1, 2, 3 … without gaps, and every data reference leads to a figure.
 */
import { visit } from 'unist-util-visit';
import { lookupCell } from '../model/cells.js';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import type { Rule, RuleContext } from './rule.js';
import { refLabel } from '../model/labels.js';

/**
 * A `:num` whose cell exists but states no figure: in a new edition, prose
 * carried over from last year that cites a target now written as text.
 * The loader lets it through so that `check` can list it with the TODOs.
 */
function dataReferences({ edition, report, examined }: RuleContext): Set<string> {
  const cited = new Set<string>();
  for (const ch of edition.chapters) {
    for (const doc of [ch.docs.zh, ch.docs.en]) {
      visit(doc.tree, 'textDirective', (n) => {
        const label = directiveLabel(n);
        cited.add(n.name === 'num' ? label.split('/')[0] : label);
        if (n.name !== 'num') return;
        examined();
        const { table, cell, pending } = lookupCell(edition.tables, label);
        if (!table || !cell || cell.quantity || pending) return;
        // A target `baogao new` carried as text: the sentence waits for its figure, like an [x].
        if (edition.carried?.cells.includes(label)) {
          return void report({
            severity: 'warning',
            ruleId: 'todo',
            place: { file: doc.file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 },
            message: `:num[${label}] cites a target carried over as text ("${cell.text.zh}"); add its figure in the table, or rewrite the sentence`,
            other: { ...cell.place, label: refLabel('table', table.number, 'zh', edition.meta.style.numbering) },
          });
        }
        report({
          severity: 'error',
          place: { file: doc.file, line: n.position?.start.line ?? 1, column: n.position?.start.column ?? 1 },
          message: `:num[${label}] cites a cell that states no figure ("${cell.text.zh}"); write the figure in the text or cite another cell`,
          other: { ...cell.place, label: refLabel('table', table.number, 'zh', edition.meta.style.numbering) },
        });
      });
    }
  }
  return cited;
}

export const referencesRule: Rule = {
  id: 'references',
  description: 'tables and figures are placed, cited and numbered continuously; data references lead to figures',
  run(ctx) {
    const { edition, report, examined } = ctx;
    const cited = dataReferences(ctx);
    for (const [kind, list] of [
      ['table', edition.tables],
      ['figure', edition.figures],
    ] as const) {
      for (const item of list) {
        examined();
        if (item.number === 0) {
          report({ severity: 'error', place: item.place, message: `${kind} "${item.id}" is never placed; add ::${kind}{#${item.id}} where it belongs` });
        } else if (edition.meta.requireCitations && !cited.has(item.id)) {
          // Opt-in (require_citations): reports rarely say 见表1 and let a table speak where it stands.
          report({
            severity: 'info',
            place: item.place,
            message: `${kind} "${item.id}" is placed but not cited in the text (no :ref[${item.id}] or :num[${item.id}/…])`,
          });
        }
      }
      const numbers = list
        .map((t) => t.number)
        .filter((n) => n > 0)
        .sort((a, b) => a - b);
      numbers.forEach((n, i) => {
        if (n !== i + 1) report({ severity: 'error', place: list[0].place, message: `${kind} numbering jumps to ${n} after ${i}` });
      });
    }
  },
};
