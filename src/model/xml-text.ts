/**
 * What text an edition may hold: XML 1.0 has no place for some characters.
 * The rule `xml-characters` reports them in the source and the workbook
 * writer replaces any that reach it, so the pattern lives below both.
 */

/** One character XML 1.0 cannot hold (a lone surrogate included). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
export const XML_INVALID = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
