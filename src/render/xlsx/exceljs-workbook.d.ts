/** The Workbook module of exceljs, imported on its own (index.ts says why). */
declare module 'exceljs/lib/doc/workbook.js' {
  import type ExcelJS from 'exceljs';
  const Workbook: typeof ExcelJS.Workbook;
  export default Workbook;
}

/** exceljs's zip writer, asked for the workbook's parts (workbook-parts.ts). */
declare module 'exceljs/lib/utils/zip-stream.js' {
  const zipStream: { ZipWriter: { prototype: object } };
  export default zipStream;
}
