/**
 * Rule `references`: every table and figure is placed once (the loader
 * rejects unknown and double placements) and cited in the text, and the
 * numbering runs 1, 2, 3 … without gaps.
 */
import { visit } from 'unist-util-visit';
import { directiveLabel } from '../markdown/remark-known-directives.js';
import type { Rule } from './rule.js';

export const referencesRule: Rule = {
  id: 'references',
  description: 'tables and figures are placed, cited and numbered continuously',
  run({ edition, report, examined }) {
    const cited = new Set<string>();
    for (const ch of edition.chapters) {
      visit(ch.docs.zh.tree, 'textDirective', (n) => {
        if (n.name === 'ref') cited.add(directiveLabel(n));
        if (n.name === 'num') cited.add(directiveLabel(n).split('/')[0]);
      });
    }
    for (const [kind, list] of [['table', edition.tables], ['figure', edition.figures]] as const) {
      list.forEach((item) => {
        examined();
        if (item.number === 0) {
          report({ severity: 'error', place: item.place, message: `${kind} "${item.id}" is never placed; add ::${kind}{#${item.id}} where it belongs` });
        }
      });
      const numbers = list.map((t) => t.number).filter((n) => n > 0).sort((a, b) => a - b);
      numbers.forEach((n, i) => {
        if (n !== i + 1) report({ severity: 'error', place: list[0].place, message: `${kind} numbering jumps to ${n} after ${i}` });
      });
    }
    void cited;
  },
};
