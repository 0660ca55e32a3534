/**
 * Parse results per file, for `baogao watch`: a file is parsed again only when
 * it changed. It is looked at by its stat (mtime, ctime, size) and, when that
 * changed, by the hash of its text, so a save that does not change the text
 * parses nothing. The findings of parsing are kept with the result and
 * replayed, so a cached load reports exactly what a fresh one does.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Collector, type Finding } from '../diagnostics.js';
import { forgetSource } from '../source-text.js';
import { readSource } from './read-source.js';
import { byCodeUnit } from '../plain-text.js';

interface Entry {
  stamp: string;
  hash: string;
  value: unknown;
  /** Findings of reading and parsing the file. */
  findings: Finding[];
}

/** What the last load did, for the progress line. */
export interface LoadStats {
  /** Files parsed again (changed or new). */
  parsed: string[];
  /** Files looked at in all. */
  files: number;
}

function stamp(file: string): string | undefined {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? `${s.mtimeMs}:${s.ctimeMs}:${s.size}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** Parse results per file, reused while the file's text stays the same. */
export class SourceCache {
  private readonly entries = new Map<string, Entry>();
  stats: LoadStats = { parsed: [], files: 0 };

  /** A fingerprint of every file's text read in the last load: equal fingerprints, equal inputs. */
  fingerprint(): string {
    const h = createHash('sha1');
    for (const [file, e] of [...this.entries].sort(([a], [b]) => byCodeUnit(a, b))) h.update(`${file}\0${e.hash}\0`);
    return h.digest('hex');
  }

  /** The hash of a file's text as last read, if it was read. */
  hashOf(file: string): string | undefined {
    return this.entries.get(file)?.hash;
  }

  /**
   * Reads `file` through {@link readSource} and parses it with `parse`, or
   * reuses the last result when the file did not change. Findings of both go
   * to `out` either way.
   */
  get<T>(file: string, dir: string, out: Collector, parse: (text: string, c: Collector) => T): T | undefined {
    this.stats.files++;
    const st = stamp(file);
    const prev = this.entries.get(file);
    if (prev && st && prev.stamp === st) return this.replay(prev, out) as T;
    const c = new Collector();
    const text = readSource(file, dir, c);
    if (text === undefined) {
      this.entries.delete(file);
      for (const f of c.findings) out.add(f);
      return undefined;
    }
    const hash = createHash('sha1').update(text).digest('hex');
    if (prev && prev.hash === hash && st) {
      prev.stamp = st;
      return this.replay(prev, out) as T;
    }
    this.stats.parsed.push(file);
    const value = parse(text, c);
    const entry: Entry = { stamp: st ?? '', hash, value, findings: c.findings };
    if (st) this.entries.set(file, entry);
    return this.replay(entry, out) as T;
  }

  private replay(e: Entry, out: Collector): unknown {
    for (const f of e.findings) out.add(f);
    return e.value;
  }

  /** Starts a load: resets the statistics. */
  begin(): void {
    this.stats = { parsed: [], files: 0 };
  }

  /** Forgets files that no longer exist or were not read in the last load. */
  prune(seen: Set<string>): void {
    for (const file of this.entries.keys()) {
      if (seen.has(file)) continue;
      this.entries.delete(file);
      forgetSource(file);
    }
  }
}

/** Reads and parses one file of the edition; undefined when it cannot be read. */
export type ParseFile = <T>(file: string, parse: (text: string, out: Collector) => T) => T | undefined;

/**
 * The loader's way of reading files: straight from disk, or through `cache`
 * (recording every file read in `seen`, so the cache can forget the rest).
 */
export function fileReader(dir: string, out: Collector, cache?: SourceCache, seen?: Set<string>): ParseFile {
  return <T>(file: string, parse: (text: string, c: Collector) => T): T | undefined => {
    if (cache) {
      seen?.add(file);
      return cache.get(file, dir, out, parse);
    }
    const text = readSource(file, dir, out);
    return text === undefined ? undefined : parse(text, out);
  };
}
