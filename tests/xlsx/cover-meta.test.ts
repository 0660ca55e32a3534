/**
 * What the cover and the table sheets take from edition.yaml rather than
 * assemble in code: the edition label, the contact's telephone and e-mail,
 * and the issuer (with its article in English); the contents lists the notes sheet.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../src/load/index.js';
import { xlsxBytes } from '../../src/render/xlsx/index.js';
import { copySample, edit } from '../helpers.js';
import { sampleEdition } from './fixture.js';

async function sheets(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const column = (name: string) =>
    wb
      .getWorksheet(name)!
      .getColumn(1)
      .values.map((v) => (v && typeof v === 'object' && 'result' in v ? v.result : v))
      .filter(Boolean)
      .map(String);
  return { wb, column };
}

function load(dir: string) {
  const { edition, findings } = loadEdition(dir);
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  return edition!;
}

describe('the cover and edition.yaml', () => {
  it('shows the edition label edition.yaml gives, in both languages, and none when it gives none', async () => {
    const dir = copySample();
    const yaml = path.join(dir, 'edition.yaml');
    edit(yaml, 'zh: 2022年规划执行情况、2023年计划草案', 'zh: 2022年计划执行情况、2023年计划草案（区级）');
    const { column } = await sheets(await xlsxBytes(load(dir)));
    const cover = column('封面 Cover');
    expect(cover[cover.indexOf('版本 Edition') + 1]).toBe('2022年计划执行情况、2023年计划草案（区级）');
    expect(cover[cover.indexOf('版本 Edition') + 2]).toBe('Implementation of the 2022 plan and the draft plan for 2023');
    edit(yaml, /edition_label:\n(  .*\n){2}/, '');
    const without = (await sheets(await xlsxBytes(load(dir)))).column('封面 Cover');
    expect(without).not.toContain('版本 Edition');
    expect(without.join('\n')).not.toContain('规划执行情况、');
  });

  it('gives the telephone and e-mail of the contact when edition.yaml has them', async () => {
    const dir = copySample();
    edit(
      path.join(dir, 'edition.yaml'),
      /contact:\n  zh: (.*)\n  en: (.*)\n/,
      'contact:\n  zh: $1\n  en: $2\n  telephone: "021-33372000"\n  email: fgw@jingan.example.cn\n',
    );
    const cover = (await sheets(await xlsxBytes(load(dir)))).column('封面 Cover');
    const i = cover.indexOf('联系方式 Contact');
    expect(cover[i + 1]).toBe('静安区发展和改革委员会；电话：021-33372000；电子邮箱：fgw@jingan.example.cn');
    expect(cover[i + 2]).toBe("Jing'an District Development and Reform Commission; telephone: 021-33372000; e-mail: fgw@jingan.example.cn");
  });

  it('rejects a telephone number with words in it and an e-mail that is not one, at the place', () => {
    const dir = copySample();
    const yaml = path.join(dir, 'edition.yaml');
    edit(yaml, /contact:\n  zh: (.*)\n  en: (.*)\n/, 'contact:\n  zh: $1\n  en: $2\n  telephone: call the front desk\n  email: fgw at jingan\n');
    const { findings } = loadEdition(dir);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.place.file)).toEqual([yaml, yaml]);
    const messages = errors.map((f) => f.message).join('\n');
    expect(messages).toContain('contact.telephone: write the telephone number with digits');
    expect(messages).toContain('contact.email: write an e-mail address');
  });

  it('names the issuer with its article in English where a table has no source of its own, and lists the notes sheet in the contents', async () => {
    const edition = sampleEdition();
    const { column, wb } = await sheets(await xlsxBytes(edition));
    const unsourced = edition.tables.filter((t) => t.number > 0 && !t.source);
    expect(unsourced.length).toBeGreaterThan(0);
    for (const t of unsourced) {
      expect(column(`表${t.number}`), `表${t.number}`).toContainEqual(
        expect.stringContaining("Source: this report, issued by the Jing'an District Development and Reform Commission."),
      );
    }
    const contents = wb.getWorksheet('目录 Contents')!;
    const sheetsListed = contents.getColumn(1).values.filter(Boolean).map(String);
    expect(sheetsListed).toContain('注释 Notes');
  });
});
