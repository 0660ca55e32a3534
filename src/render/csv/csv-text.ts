/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by
 * CRLF, a field quoted when it holds a comma, a quote or a line break (its
 * quotes doubled). UTF-8 without a byte-order mark, as CSV on the Web and
 * Frictionless Data expect.
 */

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The CSV text of records (objects keyed by field) under a header of their
 * fields. Each distinct value is quoted once: a row's labels and notes and a
 * column's headings repeat in every record of it, and quoting them again for
 * each made most of the stage's garbage.
 */
export function csvText<F extends string>(fields: readonly F[], records: Iterable<Readonly<Record<F, string>>>): string {
  const quoted = new Map<string, string>();
  const q = (s: string): string => {
    let v = quoted.get(s);
    if (v === undefined) quoted.set(s, (v = field(s)));
    return v;
  };
  let text = `${fields.map(field).join(',')}\r\n`;
  for (const r of records) {
    let line = q(r[fields[0]]);
    for (let i = 1; i < fields.length; i++) line += `,${q(r[fields[i]])}`;
    text += `${line}\r\n`;
  }
  return text;
}
