// PLACEHOLDER until the XLSX stage lands (issue 6): replaced by the real renderer.
import { usageError } from '../../diagnostics.js';
import type { Edition } from '../../model.js';

export async function renderXlsx(_edition: Edition, _file: string): Promise<void> {
  throw usageError('XLSX output is not available in this version');
}
