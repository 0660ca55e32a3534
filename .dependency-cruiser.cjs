/**
 * The layers of src/ (issue 18) as dependency-cruiser rules, checked in CI by
 * `npm run lint:deps` (scripts/check-layers.mjs, which adds the line of each
 * offending import). A module may import its own layer and layers of a lower
 * rank; never a higher rank (upward) and never another layer of the same rank
 * (sideways: one stage reaching into another). README.md "Layout of the code"
 * describes the same layers.
 */
const fs = require('node:fs');
const path = require('node:path');

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const renderers = fs
  .readdirSync(path.join(__dirname, 'src/render'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Highest first. `what` is how the check names the layer to the author. */
const LAYERS = [
  { name: 'cli', rank: 10, path: '^src/cli/', what: 'the command line' },
  { name: 'watch', rank: 9, path: '^src/watch/', what: 'a command' },
  { name: 'new-edition', rank: 9, path: '^src/new-edition/', what: 'a command' },
  { name: 'review', rank: 9, path: '^src/review/', what: 'a command' },
  { name: 'build', rank: 8, path: '^src/(build|pipeline)\\.ts$', what: 'the pipeline every building command calls' },
  { name: 'load', rank: 7, path: '^src/load/', what: 'a stage' },
  { name: 'check', rank: 7, path: '^src/check/', what: 'a stage' },
  ...renderers.map((r) => ({ name: `render/${r}`, rank: 7, path: `^src/render/${esc(r)}/`, what: 'a stage' })),
  { name: 'render', rank: 6, path: '^src/render/[^/]+$', what: 'what the renderers share' },
  { name: 'model', rank: 5, path: '^src/model/|^src/model-index\\.ts$', what: 'model lookups' },
  { name: 'markdown', rank: 4, path: '^src/markdown/', what: 'the Markdown dialect and its trees' },
  { name: 'output', rank: 4, path: '^src/(output|cleanup)\\.ts$', what: 'staging, locks and interrupts' },
  { name: 'findings', rank: 3, path: '^src/(diagnostics|source-text)\\.ts$|^src/report/', what: 'findings and their output' },
  { name: 'quantity', rank: 2, path: '^src/quantity/', what: 'figures and their vocabulary' },
  { name: 'model types', rank: 1, path: '^src/model\\.ts$', what: 'the model types' },
  { name: 'base', rank: 0, path: '^src/(version|placeholders|trace|plain-text)\\.ts$', what: 'package facts' },
];

/**
 * The one import between stages: a PDF is the HTML page printed, so the PDF
 * stage renders the HTML stage's pages with the page numbers of its contents.
 */
const ALLOWED = { 'render/pdf': ['^src/render/html/'] };

/** Rule modules: the files in src/check/ that export a Rule. Only check/index.ts imports them. */
const checkDir = path.join(__dirname, 'src/check');
const RULE_FILES = fs
  .readdirSync(checkDir)
  .filter((f) => f.endsWith('.ts') && /^export const \w+: Rule = /m.test(fs.readFileSync(path.join(checkDir, f), 'utf8')))
  .sort()
  .map((f) => `^src/check/${esc(f)}$`);

const layerRules = LAYERS.filter((layer) => LAYERS.some((other) => other !== layer && other.rank >= layer.rank)).map((layer) => {
  const barred = LAYERS.filter((other) => other !== layer && other.rank >= layer.rank);
  const allowed = LAYERS.filter((other) => other === layer || other.rank < layer.rank).map((l) => l.name);
  return {
    name: `layer ${layer.name}`,
    severity: 'error',
    comment: `${layer.name} (${layer.what}) may import only ${allowed.join(', ')}${ALLOWED[layer.name] ? ` and ${ALLOWED[layer.name].join(', ')}` : ''}`,
    from: { path: layer.path },
    to: { path: barred.map((l) => l.path), ...(ALLOWED[layer.name] ? { pathNot: ALLOWED[layer.name] } : {}) },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'rule imports rule',
      severity: 'error',
      comment: 'a check rule is reached only through check/index.ts; what two rules share goes to a helper in check/ or to src/model/',
      from: { path: '^src/', pathNot: '^src/check/index\\.ts$' },
      to: { path: RULE_FILES },
    },
    {
      name: 'no layer',
      severity: 'error',
      comment: 'every module of src/ belongs to a layer: add its folder to LAYERS in .dependency-cruiser.cjs and to README.md',
      from: { path: '^src/', pathNot: LAYERS.map((l) => l.path) },
      to: {},
    },
    {
      name: 'cycle',
      severity: 'error',
      comment: "folders that import each other, directly or round a loop (a cycle inside one folder is that folder's business)",
      from: { path: '^(src/.*)/[^/]+$' },
      to: { circular: true, via: { pathNot: '^$1/[^/]+$' } },
    },
  ],
  options: {
    includeOnly: '^src/',
    // Type-only imports count: the cli ↔ command cycle ran through the Io type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
// For scripts/check-layers.mjs, which names each offender's layer; hidden from the config's schema.
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
