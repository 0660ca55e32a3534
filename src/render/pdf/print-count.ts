/**
 * The pages in Chromium, counted, for two decisions of the PDF stage: close
 * Chromium once no page needs it, and let the build's other work wait for a
 * core the prints leave free.
 *
 * Why wait: two pages printing keep both cores of a 2-core machine busy,
 * and the last page's print ends on a single core (Skia writing the PDF).
 * The check report and the workbook, written meanwhile, slowed both prints;
 * written once a print has ended, they take the idle core (0.03–0.1 s off
 * the cold build in alternating rounds; docs/performance.md, issue 17).
 */
export class PrintCount {
  private printing = 0;
  private readonly waiting: (() => void)[] = [];

  /** `onNone` is called each time the count falls to 0. */
  constructor(
    private readonly cores: number,
    private readonly onNone: () => void,
  ) {}

  /** A page goes to Chromium; the function returned says it has printed (or failed), and counts once however often it is called. */
  start(): () => void {
    this.printing++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.printing === 0) this.onNone();
      if (this.printing < this.cores) for (const w of this.waiting.splice(0)) w();
    };
  }

  /** Settles once fewer pages are printing than the machine has cores (at once when they already are). */
  coreFree(): Promise<void> {
    return this.printing < this.cores ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
