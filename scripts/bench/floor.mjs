/**
 * The floor: the least program that prints the two HTML pages of a finished
 * build — Node, puppeteer, one Chromium launch, both pages printed at once
 * with the PDF stage's page.pdf options, close. Plain JavaScript, so that the
 * bench times it as a whole process exactly as it times `baogao build`.
 *
 *   node scripts/bench/floor.mjs <build-dir> <chromium> <page.pdf options as JSON> <flag>…
 *
 * The options and flags are the PDF stage's (PDF_OPTIONS in src/render/pdf/page-print.ts,
 * chromiumArgs() in browser.ts), passed by builds.ts so that this program
 * imports nothing of baogao's.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';

const [dir, executablePath, options, ...args] = process.argv.slice(2);
const pdfOptions = JSON.parse(options);
const browser = await puppeteer.launch({ executablePath, headless: true, args });
try {
  await Promise.all(
    ['zh', 'en'].map(async (lang) => {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, lang, 'index.html')).href, { waitUntil: 'load' });
      const pdf = await page.pdf(pdfOptions);
      if (pdf.length < 1000) throw new Error(`floor: ${lang} printed ${pdf.length} bytes`);
      await page.close();
    }),
  );
} finally {
  await browser.close();
}
