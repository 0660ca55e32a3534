/**
 * Fingerprints of narrative blocks and texts: what `baogao new` records of
 * what it carried over, and what the checker compares to tell an untouched
 * block from an edited one. A block's fingerprint is taken from its parsed
 * tree, without positions and without the data later stages attach (heading
 * ids, the editors' marks), so re-wrapping lines or adding `:confirmed` does
 * not count as an edit, and any change of words or figures does.
 */
import { createHash } from 'node:crypto';
import type { RootContent } from 'mdast';

function canonical(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonical);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (key === 'position' || key === 'data') continue;
    out[key] = canonical((node as Record<string, unknown>)[key]);
  }
  return out;
}

/** A short, stable hash of a text. */
export function textFingerprint(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}

/** The fingerprint of a top-level block. */
export function blockFingerprint(block: RootContent): string {
  return textFingerprint(JSON.stringify(canonical(block)));
}
