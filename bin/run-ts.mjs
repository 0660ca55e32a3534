#!/usr/bin/env node
// Runs a TypeScript entry point through tsx's loader, so the package needs no
// compile step: `npm install` is enough for `npx baogao` to work.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const [entry, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...rest];
await import(pathToFileURL(path.resolve(entry)).href);
