// baogao never lets puppeteer download a browser at `npm install`: the
// bureau's machines and CI reach only the npm registry and Debian's packages,
// and a failed download fails the whole install. The browser is found (or
// provisioned) at the first PDF build instead: src/render/pdf/find-browser.ts.
module.exports = { skipDownload: true };
