/**
 * Rewrites of the XML parts exceljs writes, made while the package is
 * re-zipped (see ../stable-zip.ts): what exceljs cannot be told to write.
 */
import { XML_INVALID } from '../../model/xml-text.js';
import { FONT_NAME } from './sheet-writer.js';

/**
 * Makes exceljs' Table parts look like Excel's own: exceljs marks a table
 * without a totals row as having shown one (`totalsRowShown="1"`), gives
 * every column totals-row attributes, and lists every filter button
 * explicitly. None of it is wrong, but a table without a totals row should
 * not say it has one, and Excel rewrites all three on its first save.
 */
function tidyTableXml(name: string, xml: string): string {
  if (!/^xl\/tables\/table\d+\.xml$/.test(name)) return xml;
  return xml
    .replace(' totalsRowShown="1"', ' totalsRowShown="0"')
    .replace(/ totalsRow(Label|Function)="[^"]*"/g, '')
    .replace(/<filterColumn colId="\d+" hiddenButton="0"\/>/g, '')
    .replace(/(<autoFilter ref="[^"]*")><\/autoFilter>/, '$1/>');
}

/**
 * The workbook's default font (font 0, the "Normal" style, which every cell
 * without a font of its own and every empty cell uses) is exceljs' Calibri of
 * the theme's minor scheme, which has no Chinese glyphs. It becomes 等线,
 * named outright: with `scheme="minor"` Excel would take the theme's font instead.
 */
function tidyStylesXml(name: string, xml: string): string {
  if (name !== 'xl/styles.xml') return xml;
  return xml.replace(
    /(<fonts\b[^>]*>)<font>.*?<\/font>/,
    `$1<font><sz val="11"/><color theme="1"/><name val="${FONT_NAME}"/><family val="2"/><charset val="134"/></font>`,
  );
}

/**
 * The check reports a character XML forbids as an error; a build forced past
 * it (a DRAFT) still writes a file Excel opens, with U+FFFD in its place.
 */
function validXmlText(xml: string): string {
  return xml.replace(XML_INVALID, '\uFFFD');
}

/** Every rewrite, part by part. */
export function tidyParts(name: string, xml: string): string {
  return validXmlText(tidyStylesXml(name, tidyTableXml(name, xml)));
}
