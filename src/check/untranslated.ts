/**
 * Rule `untranslated` (a TODO): a Chinese block with no English yet. The
 * bureau drafts and revises the Chinese for weeks before it is translated,
 * so this is work left to do, not an error; the English page and the
 * bilingual view show the block in Chinese, marked as not yet translated.
 */
import { alignedBlocks, describeSignature, blockSignature } from '../markdown/blocks.js';
import type { Rule } from './rule.js';

export const untranslatedRule: Rule = {
  id: 'untranslated',
  description: 'Chinese blocks that have no English yet',
  run({ edition, report, examined }) {
    for (const ch of edition.chapters) {
      const pairs = alignedBlocks(ch);
      examined(pairs.length);
      if (ch.docs.en.missing) {
        report({
          severity: 'warning',
          place: { file: ch.docs.zh.file, line: 1, column: 1 },
          message: `chapter "${ch.id}" has no English file yet (${ch.docs.en.file}); its ${pairs.length} blocks are shown untranslated in the English edition`,
          other: { file: ch.docs.en.file, line: 1, column: 1, label: 'English file to create' },
        });
        continue;
      }
      pairs.forEach((p, k) => {
        if (!p.zh || p.en) return;
        const before = pairs
          .slice(0, k)
          .reverse()
          .find((q) => q.en);
        const where = before?.en?.position ? `after English line ${before.en.position.end.line}` : 'at the start of the English file';
        report({
          severity: 'warning',
          place: { file: ch.docs.zh.file, line: p.zh.position?.start.line ?? 1, column: p.zh.position?.start.column ?? 1 },
          message: `${describeSignature(blockSignature(p.zh))} (Chinese block ${(p.zhIndex ?? 0) + 1}) has no English yet; add its translation ${where}`,
          other: { file: ch.docs.en.file, line: before?.en?.position?.end.line ?? 1, column: 1, label: 'English goes here' },
        });
      });
    }
  },
};
