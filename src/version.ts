/** The package version, read once from package.json. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;

/** The repository root, where templates/ lives. */
export const PACKAGE_ROOT: string = new URL('..', import.meta.url).pathname;
