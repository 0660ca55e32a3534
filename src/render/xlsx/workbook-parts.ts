/**
 * The parts of an exceljs workbook, as exceljs hands them to its zip
 * writer, without zipping them: exceljs's writer builds a JSZip archive
 * (a CRC of every part, in JavaScript), which stableZip would only read
 * back to write its own (../stable-zip.ts). The writer is asked for the
 * parts by an option of its own, so that any other use of exceljs in the
 * process zips as before.
 */
import type ExcelJS from 'exceljs';
import zipStream from 'exceljs/lib/utils/zip-stream.js';

type Parts = Map<string, Uint8Array>;

interface Writer {
  options: { baogaoParts?: Parts };
  emit(event: string): boolean;
  stream: { end(chunk?: unknown): void };
}

const proto = zipStream.ZipWriter.prototype as unknown as {
  append: (this: Writer, data: string | Uint8Array, options: { name: string; base64?: boolean }) => void;
  finalize: (this: Writer) => Promise<void>;
  baogaoPatched?: true;
};

if (!proto.baogaoPatched) {
  const { append, finalize } = proto;
  proto.append = function (data, options) {
    const parts = this.options.baogaoParts;
    if (!parts) return append.call(this, data, options);
    const bytes = typeof data === 'string' ? Buffer.from(data, options.base64 ? 'base64' : 'utf8') : Buffer.from(data);
    parts.set(options.name, bytes);
  };
  proto.finalize = async function () {
    if (!this.options.baogaoParts) return finalize.call(this);
    this.stream.end();
    this.emit('finish');
  };
  proto.baogaoPatched = true;
}

/** Every part of the workbook by its path in the package. */
export async function workbookParts(wb: ExcelJS.Workbook): Promise<Parts> {
  const parts: Parts = new Map();
  await wb.xlsx.writeBuffer({ zip: { baogaoParts: parts } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  return parts;
}
