/**
 * LibreOffice for the DOCX tests, found or provisioned the way the PDF stage
 * provisions Chromium: `BAOGAO_SOFFICE`, then `soffice` on PATH or in
 * /usr/lib/libreoffice; else, as root on Debian/Ubuntu, Debian's
 * `libreoffice-writer-nogui` through apt (run `apt-get update` first: a fresh
 * machine's package lists are empty). `BAOGAO_NO_PROVISION=1` forbids it.
 * When none can be had, the reason is returned, for the test to show.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fontFilesFor } from '../../src/render/fonts.js';
import { woffToSfnt } from '../../src/render/docx/woff.js';

const CANDIDATES = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function findSoffice(env = process.env): string | undefined {
  if (env.BAOGAO_SOFFICE) return executable(env.BAOGAO_SOFFICE) ? env.BAOGAO_SOFFICE : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean))
    for (const name of ['soffice', 'libreoffice']) if (executable(path.join(dir, name))) return path.join(dir, name);
  return CANDIDATES.find(executable);
}

function debianLike(): boolean {
  try {
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(fs.readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** Runs apt-get without blocking the event loop (an install takes minutes; the test worker must stay responsive). */
function apt(args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    // Another worker (or the PDF stage's Chromium provisioning) may hold the dpkg lock: wait for it.
    const child = spawn('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 900_000);
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export async function ensureSoffice(): Promise<{ soffice?: string; reason?: string }> {
  const found = findSoffice();
  if (found) return { soffice: found };
  if (process.env.BAOGAO_SOFFICE) return { reason: `BAOGAO_SOFFICE=${process.env.BAOGAO_SOFFICE} is not an executable soffice` };
  if (process.env.BAOGAO_NO_PROVISION) return { reason: 'LibreOffice is not installed and BAOGAO_NO_PROVISION forbids installing it' };
  if (process.getuid?.() !== 0 || !debianLike())
    return {
      reason: 'LibreOffice is not installed, and it can be installed automatically only as root on Debian/Ubuntu (apt-get install libreoffice-writer-nogui)',
    };
  process.stderr.write('tests: installing LibreOffice Writer for the DOCX tests (apt-get install -y libreoffice-writer-nogui)\n');
  if (!(await apt(['update', '-qq'])) || !(await apt(['install', '-y', '-qq', '--no-install-recommends', 'libreoffice-writer-nogui'])))
    return { reason: 'apt-get install libreoffice-writer-nogui failed' };
  const installed = findSoffice();
  return installed ? { soffice: installed } : { reason: 'libreoffice-writer-nogui was installed but no soffice was found' };
}

/**
 * A fontconfig setup that adds the npm Noto Serif SC (every slice, unpacked
 * to OpenType) to the machine's fonts: a fresh machine has no Chinese face,
 * and LibreOffice would print every Han character as a missing glyph, which
 * no text extraction can read. LibreOffice substitutes it for 仿宋, 黑体 …
 * as a reviewer's Word substitutes what it has.
 */
function fontConfig(dir: string): string {
  const fonts = path.join(dir, 'fonts');
  fs.mkdirSync(fonts, { recursive: true });
  const all = new Set<number>();
  for (let p = 0x20; p < 0xffff; p++) all.add(p);
  for (const woff2 of fontFilesFor(all, /^noto-serif-sc-.*-400-normal\.woff2$/)) {
    fs.writeFileSync(path.join(fonts, path.basename(woff2).replace(/\.woff2$/, '.otf')), woffToSfnt(fs.readFileSync(woff2.replace(/\.woff2$/, '.woff'))));
  }
  const conf = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${fonts}</dir><cachedir>${path.join(dir, 'cache')}</cachedir></fontconfig>\n`,
  );
  return conf;
}

/**
 * Converts files with LibreOffice headless: to `pdf`; to `txt`, the text as
 * LibreOffice read it; or to `docx`, to have it rewrite a document as a second
 * producer would. A private profile keeps
 * runs apart. Returns the output paths.
 */
export function convert(soffice: string, files: string[], to: 'pdf' | 'docx' | 'txt', outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = path.join(outDir, '.profile');
  const env = { ...process.env, FONTCONFIG_FILE: fontConfig(path.join(outDir, '.fonts')) };
  const r = spawnSync(
    soffice,
    [
      '--headless',
      '--norestore',
      '--nolockcheck',
      `-env:UserInstallation=file://${profile}`,
      '--convert-to',
      to === 'txt' ? 'txt:Text (encoded):UTF8' : to,
      '--outdir',
      outDir,
      ...files,
    ],
    { encoding: 'utf8', timeout: 300_000, env },
  );
  const outs = files.map((f) => path.join(outDir, `${path.basename(f, path.extname(f))}.${to}`));
  const missing = outs.filter((o) => !fs.existsSync(o));
  if (r.status !== 0 || missing.length)
    throw new Error(`LibreOffice could not convert ${missing.join(', ') || files.join(', ')} (exit ${r.status}): ${r.stderr || r.stdout}`);
  return outs;
}
