// PLACEHOLDER until the PDF stage lands (issue 5): replaced by the real renderer.
import { usageError } from '../../diagnostics.js';
import type { Edition } from '../../model.js';
import type { HtmlOptions } from '../html/index.js';

export async function renderPdf(_edition: Edition, _staging: string, _opts: { html: HtmlOptions }): Promise<string[]> {
  throw usageError('PDF output is not available in this version');
}
