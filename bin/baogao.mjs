#!/usr/bin/env node
// The `baogao` command. tsx compiles the TypeScript sources on the fly, so an
// `npm install` is all a machine needs before running it.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/run.ts');
process.exitCode = await run(process.argv.slice(2));
