/**
 * Rule `stale-years` (a TODO): a sentence that names last year's years where
 * this year's belong. In the 2024 edition the review is of 2023 and the plan
 * is for 2024, so "2022年…执行情况" or "2023年…计划草案" (carried over from
 * the 2023 edition) is a year the editors have not moved on. Only the
 * phrases that tie a year to the review or to the plan are read: a year in
 * any other sentence ("2022年是极不平凡的一年") may be meant.
 */
import { blocksOf } from '../markdown/blocks.js';
import type { Lang } from '../model.js';
import type { Rule } from './rule.js';
import { flatten, placeAt } from '../model/text-places.js';

type Role = 'review' | 'plan';

const PATTERNS: Record<Lang, [RegExp, Role][]> = {
  zh: [
    [/(\d{4})年(?:[^。；，、\d]{0,24}?)执行情况/gu, 'review'],
    [/(\d{4})年(?:[^。；，、\d]{0,24}?)(?:计划草案|规划草案|总体要求|主要预期目标|主要任务)/gu, 'plan'],
    [/建议(\d{4})年/gu, 'plan'],
  ],
  en: [
    [/implementation of (?:[\w'’-]+ ){0,4}?(\d{4}) plan/giu, 'review'],
    [/(?:draft (\d{4}) plan|(\d{4}) draft plan)/giu, 'plan'],
    [/(?:targets|tasks and measures|requirements) (?:[\w'’-]+ ){0,8}?(?:in|for) (\d{4})\b/giu, 'plan'],
  ],
};

export const staleYearsRule: Rule = {
  id: 'stale-years',
  description: "sentences naming last year's review or plan year",
  run({ edition, report, examined }) {
    const { reviewYear, planYear } = edition.meta;
    const expected: Record<Role, number> = { review: reviewYear, plan: planYear };
    for (const ch of edition.chapters) {
      for (const lang of ['zh', 'en'] as const) {
        const doc = ch.docs[lang];
        for (const block of blocksOf(doc.tree)) {
          if (block.type === 'leafDirective') continue;
          const flat = flatten(block);
          const seen = new Set<number>();
          for (const [re, role] of PATTERNS[lang]) {
            for (const m of flat.text.matchAll(re)) {
              const digits = m[1] ?? m[2];
              examined();
              const year = Number(digits);
              // Only last year's counterpart is a slip; any other year is the author's to mean.
              if (year !== expected[role] - 1) continue;
              const offset = (m.index ?? 0) + m[0].indexOf(digits);
              if (seen.has(offset)) continue;
              seen.add(offset);
              report({
                severity: 'warning',
                place: placeAt(flat, offset, doc.file),
                message: `"${m[0]}" names ${year}, last edition's ${role === 'review' ? 'review' : 'plan'} year; this edition ${role === 'review' ? 'reviews' : 'plans'} ${expected[role]}`,
                expected: String(expected[role]),
                actual: digits,
              });
            }
          }
        }
      }
    }
  },
};
