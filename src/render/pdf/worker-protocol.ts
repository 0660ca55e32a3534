/**
 * The messages between the build and its print worker (print-worker.ts,
 * remote-browser.ts). Errors cross as plain data and are made into errors
 * again on the other side, a BaogaoError keeping its exit code.
 */
import { BaogaoError } from '../../diagnostics.js';
import type { Reads } from './print-store.js';

export type ToWorker =
  { type: 'launch'; executablePath: string; pages: number; timeoutMs?: number } | { type: 'print'; id: number; url: string; root: string } | { type: 'close' };

export type FromWorker =
  /** What a worker started early decided: to launch Chromium at once, or to wait to be asked. */
  | { type: 'early'; launching: boolean }
  | { type: 'spawned' }
  | { type: 'launched' }
  | { type: 'launch-failed'; error: WireError }
  | { type: 'printed'; id: number; pdf: Uint8Array; reads: Reads }
  | { type: 'print-failed'; id: number; error: WireError }
  | { type: 'closed' };

export interface WireError {
  message: string;
  stack?: string;
  /** Set for a BaogaoError: an expected failure, shown without a stack. */
  exitCode?: 1 | 2;
}

export function toWire(e: unknown): WireError {
  const err = e instanceof Error ? e : new Error(String(e));
  return { message: err.message, stack: err.stack, ...(e instanceof BaogaoError ? { exitCode: e.exitCode } : {}) };
}

export function fromWire(w: WireError): Error {
  if (w.exitCode !== undefined) return new BaogaoError(w.message, [], w.exitCode);
  const e = new Error(w.message);
  if (w.stack) e.stack = w.stack;
  return e;
}
