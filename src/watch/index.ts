/**
 * `baogao watch [edition]`: a live preview for the editors. Serves the HTML
 * of the edition on http://127.0.0.1:PORT, rebuilds it on every save in the
 * edition folder or templates/ through the same pipeline as `build`
 * (src/pipeline.ts: parsing again only the files that changed, laying out
 * again only the chapters that changed), runs the checks every time, sends
 * each page the chapters that changed and shows the findings in a panel on
 * the page, and writes check.html as the build does. An edit
 * that breaks the edition keeps the last good pages and shows the error, with
 * its file:line and the lines around it, until the file is fixed. PDF and
 * Excel are built on request, by the real `build`.
 */
export { startWatch } from './preview.js';
export { runWatch } from './run-watch.js';
export { previewFolder, type RebuildOutcome, type WatchHandle, type WatchOptions, type WatchState } from './watch-types.js';
export type { ArtifactFormat, ArtifactState } from './artifacts.js';
