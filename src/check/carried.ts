/**
 * Rule `carried` (a TODO): what `baogao new` carried over from last year and
 * nobody has reviewed yet. `carried-over.yaml` records the fingerprint of
 * every block and metadata field as it was carried; a block whose text is
 * still that text, and that no editor marked `:confirmed`, still speaks of
 * last year. A Chinese block that was rewritten while its English was not
 * leaves the English to update. Tables and charts say so themselves
 * (`stale: true`, the `todo` rule).
 */
import { blockFingerprint, textFingerprint } from '../markdown/fingerprint.js';
import { alignedBlocks } from '../markdown/blocks.js';
import { marksOf } from '../markdown/remark-review-marks.js';
import type { Rule } from './rule.js';
import { carriedKey } from '../model/next-edition.js';

const FIELDS = ['session', 'description'] as const;

export const carriedRule: Rule = {
  id: 'carried',
  description: 'blocks and fields carried over by baogao new that nobody has reviewed yet',
  run({ edition, report, examined }) {
    const carried = edition.carried;
    if (!carried) return;
    const from = carried.from;
    for (const ch of edition.chapters) {
      const sets = {
        zh: new Set(carried.blocks[carriedKey(edition, ch.docs.zh.file)] ?? []),
        en: new Set(carried.blocks[carriedKey(edition, ch.docs.en.file)] ?? []),
      };
      for (const p of alignedBlocks(ch)) {
        if (p.zh?.type === 'leafDirective' || p.en?.type === 'leafDirective') continue;
        examined();
        if ((p.zh && marksOf(p.zh)?.confirmed) || (p.en && marksOf(p.en)?.confirmed)) continue;
        const zhOld = p.zh && sets.zh.has(blockFingerprint(p.zh));
        const enOld = p.en && sets.en.has(blockFingerprint(p.en));
        const kind = p.zh?.type === 'heading' ? 'heading' : 'block';
        if (zhOld && p.zh) {
          report({
            severity: 'warning',
            place: { file: ch.docs.zh.file, line: p.zh.position?.start.line ?? 1, column: p.zh.position?.start.column ?? 1 },
            message: `${kind} carried over unchanged from ${from}: rewrite it for ${edition.meta.reviewYear}/${edition.meta.planYear}, or add :confirmed to it if it stands as it is`,
          });
        } else if (enOld && p.en && p.zh) {
          report({
            severity: 'warning',
            place: { file: ch.docs.en.file, line: p.en.position?.start.line ?? 1, column: p.en.position?.start.column ?? 1 },
            message: `the Chinese of this ${kind} was rewritten, its English is still the text carried over from ${from}: translate the new Chinese, or add :confirmed if the English stands`,
            other: { file: ch.docs.zh.file, line: p.zh.position?.start.line ?? 1, column: p.zh.position?.start.column ?? 1, label: 'rewritten Chinese' },
          });
        }
      }
    }
    const { meta } = edition;
    for (const field of FIELDS) {
      const value = meta[field];
      if (!value || meta.confirmed.includes(field)) continue;
      for (const lang of ['zh', 'en'] as const) {
        examined();
        const key = `${field}.${lang}`;
        if (carried.fields[key] !== textFingerprint(value[lang])) continue;
        report({
          severity: 'warning',
          place: meta.places[key] ?? meta.place,
          message: `${key} is carried over unchanged from ${from} ("${value[lang].slice(0, 40)}${value[lang].length > 40 ? '…' : ''}"): check the session, the congress and the date, or list ${field} under confirmed: if it stands`,
        });
      }
    }
  },
};
