#!/usr/bin/python3
"""
Rebuilds fonts/fandol-fang/ from FandolFang-Regular.otf (the Fandol team's
仿宋, GPL with the font exception), which no npm package ships.

Not part of a build or the tests: run it by hand when the font changes.
Needs Debian's fontforge-nox, python3-fonttools and python3-brotli; the OTF
comes from Debian's texlive-lang-chinese:

  apt-get download texlive-lang-chinese && dpkg-deb -x texlive-lang-chinese_*.deb x
  scripts/vendor-fangsong.py x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf

Why the steps:
- Chromium prints a CFF (PostScript-outline) web font as Type 3 fonts, which
  print shops reject; converted to TrueType outlines it embeds as CID TrueType.
- The CJK font is 6.6 MB; cut into the same unicode-range slices as
  @fontsource/noto-serif-sc, the HTML stage copies only the slices a report
  uses (src/render/fonts.ts), as it does for the npm fonts.
"""
import os
import re
import subprocess
import sys
import tempfile

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, 'fonts', 'fandol-fang')
SLICES = os.path.join(ROOT, 'node_modules', '@fontsource', 'noto-serif-sc', '400.css')


def ranges_of(css):
    """(slice name, unicode-range text) for each @font-face of the model sheet."""
    out = []
    for block in re.findall(r'@font-face\s*{[^}]*}', css):
        name = re.search(r'noto-serif-sc-([a-z0-9-]+?)-400-normal\.woff2', block).group(1)
        rng = re.search(r'unicode-range:\s*([^;]+);', block)
        out.append((name, rng.group(1).strip() if rng else None))
    return out


def codepoints(rng):
    cps = set()
    for part in rng.split(','):
        a, _, b = part.strip()[2:].partition('-')
        cps.update(range(int(a, 16), int(b or a, 16) + 1))
    return cps


def range_text(cps):
    """Sorted code points as a compact unicode-range: U+4e00-4e05,U+4e08."""
    parts, start, prev = [], cps[0], cps[0]
    for c in cps[1:] + [None]:
        if c is not None and c == prev + 1:
            prev = c
            continue
        parts.append(f'U+{start:x}' if start == prev else f'U+{start:x}-{prev:x}')
        if c is not None:
            start = prev = c
    return ','.join(parts)


def main(otf):
    os.makedirs(os.path.join(OUT, 'files'), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ttf = os.path.join(tmp, 'FandolFang-Regular.ttf')
        subprocess.run(['fontforge', '-quiet', '-lang=ff', '-c',
                        'Open($1); CIDFlatten(); SetFontNames("FandolFang-Regular", "FandolFang", "FandolFang Regular"); Generate($2)',
                        otf, ttf], check=True)
        # FandolFang maps the control characters U+0000–001F to its space glyph;
        # Chromium's ToUnicode names a glyph by its lowest code point, so every
        # space would copy out of the PDF as U+0001. Control characters go.
        cmap = {c: g for c, g in TTFont(ttf).getBestCmap().items() if c >= 0x20 and not 0x7f <= c <= 0x9f}
        faces = []
        for name, rng in ranges_of(open(SLICES, encoding='utf8').read()):
            wanted = codepoints(rng) & set(cmap) if rng else set(cmap)
            if not wanted:
                continue
            opts = subset.Options()
            opts.flavor = 'woff2'
            opts.layout_features = ['*']
            opts.name_IDs = ['*']
            opts.notdef_outline = True
            opts.hinting = False
            font = subset.load_font(ttf, opts)
            sub = subset.Subsetter(opts)
            sub.populate(unicodes=wanted)
            sub.subset(font)
            file = f'fandol-fang-{name}-400-normal.woff2'
            subset.save_font(font, os.path.join(OUT, 'files', file), opts)
            faces.append((name, file, range_text(sorted(wanted))))
    with open(os.path.join(OUT, '400.css'), 'w', encoding='utf8') as f:
        for name, file, rng in faces:
            f.write(f"/* fandol-fang-[{name}]-400-normal */\n@font-face {{\n  font-family: 'FandolFang';\n  font-style: normal;\n"
                    f"  font-display: swap;\n  font-weight: 400;\n  src: url(./files/{file}) format('woff2');\n  unicode-range: {rng};\n}}\n\n")
    print(f'{len(faces)} slices in {OUT}')


if __name__ == '__main__':
    main(sys.argv[1])
