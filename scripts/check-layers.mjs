/**
 * `npm run lint:deps`: checks the import graph of src/ against the layers in
 * .dependency-cruiser.cjs and lists each offender as an editor would fix it:
 *
 *   src/render/html/to-hast.ts:11 imports ../../load/resolve.js, which is layer load (a stage)
 *     layer render/html: render/html (a stage) may import only render/html, render, model, …
 *
 * dependency-cruiser finds the violations; this adds the line of the import
 * (it reports none) and the layer of both ends. Exit code 1 on any violation.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

// Another root (a copy with a planted violation, in tests/layers.test.ts) may be given.
const root = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
process.chdir(root);
const configFile = path.join(root, '.dependency-cruiser.cjs');
const { LAYERS } = createRequire(import.meta.url)(configFile);
const layerOf = (file) => LAYERS.find((l) => new RegExp(l.path).test(file));
const describe = (file) => {
  const layer = layerOf(file);
  return layer ? `layer ${layer.name} (${layer.what})` : 'in no layer';
};

/** The line of `from` that imports `specifier`: dependency-cruiser reports the file only. */
function lineOf(from, specifier) {
  const lines = fs.readFileSync(from, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(`'${specifier}'`) || l.includes(`"${specifier}"`));
  return i < 0 ? 1 : i + 1;
}

const options = await extractDepcruiseOptions(configFile);
const { output } = await cruise(['src'], options, {}, { tsConfig: extractTSConfig(path.join(root, 'tsconfig.json')) });
// A module in no layer breaks "no layer" once per import: it is named once, with the modules that import nothing.
const violations = output.summary.violations.filter((v) => v.rule.name !== 'no layer');
const modules = new Map(output.modules.map((m) => [m.source, m]));

const unplaced = output.modules.filter((m) => m.source.startsWith('src/') && !layerOf(m.source));
const lines = [];
for (const v of violations) {
  const to = v.cycle ? v.cycle[0].name : v.to;
  const spec = modules.get(v.from)?.dependencies.find((d) => d.resolved === to)?.module ?? to;
  const what = v.cycle
    ? `round the cycle ${[v.from, ...v.cycle.map((c) => c.name)].join(' → ')}`
    : v.rule.name === 'rule imports rule'
      ? 'which is a check rule'
      : `which is ${describe(to)}`;
  lines.push(`${v.from}:${lineOf(v.from, spec)} imports ${spec}, ${what}`);
  lines.push(`  ${v.rule.name}: ${options.ruleSet.forbidden.find((r) => r.name === v.rule.name)?.comment ?? ''}`);
}
for (const m of unplaced) lines.push(`${m.source}: in no layer`, '  add its folder to LAYERS in .dependency-cruiser.cjs and to README.md');

const count = violations.length + unplaced.length;
if (count) {
  process.stderr.write(`${lines.join('\n')}\n\nlint:deps: ${count} offender${count === 1 ? '' : 's'} against the layers (README.md, "Layout of the code")\n`);
  process.exit(1);
}
process.stdout.write(`lint:deps: ${output.summary.totalCruised} modules, ${output.summary.totalDependenciesCruised} imports, all within the layers\n`);
