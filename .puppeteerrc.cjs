// Puppeteer cannot download its own browser on every network (the bureau's
// machines and CI reach only the npm registry and Debian's packages), so when a
// system Chromium exists we use it and skip the download entirely.
const fs = require('node:fs');

const candidates = [
  process.env.BAOGAO_CHROME,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
].filter(Boolean);
const system = candidates.find((p) => fs.existsSync(p));

module.exports = system ? { skipDownload: true, executablePath: system } : {};
