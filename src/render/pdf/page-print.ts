/**
 * One print of one page, as Chromium does it: load the file, then page.pdf
 * with the options every print shares. It runs in the print worker
 * (print-worker.ts); the bench's floor prints with the same options.
 */
import type { Page, PDFOptions } from 'puppeteer-core';

/** page.pdf's options for every print (the bench's floor prints with the same). */
export const PDF_OPTIONS = {
  format: 'a4',
  preferCSSPageSize: true,
  printBackground: true,
  // The outline is written afterwards from the contents (finish.ts):
  // Chromium's own would list the cover title and nest 目录 under it.
  outline: false,
  tagged: true,
  waitForFonts: true,
} as const satisfies PDFOptions;

/** Loads `url` (fonts and all) and prints it. */
export async function printPage(page: Page, url: string): Promise<Uint8Array> {
  await page.goto(url, { waitUntil: 'load' });
  return page.pdf(PDF_OPTIONS);
}
