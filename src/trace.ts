/**
 * A timeline of a run for performance work: with `BAOGAO_TRACE=1` set, each
 * call prints the milliseconds since the process started (the same clock in
 * the print worker's thread) and what just happened, to stderr
 * with the CPU time the process has used so far, every thread counted
 * (`T   1409   1120 html: zh`). It shows what the build's
 * progress lines cannot: which work overlaps, and where Chromium waits for
 * this process (docs/performance.md). Off, it costs one property read.
 */
const on = Boolean(process.env.BAOGAO_TRACE);

export function trace(event: string): void {
  if (!on) return;
  const { user, system } = process.cpuUsage();
  process.stderr.write(`T ${(process.uptime() * 1000).toFixed(0).padStart(6)} ${((user + system) / 1000).toFixed(0).padStart(6)} ${event}\n`);
}
