/** Set-up file (vitest.config.ts): the temporary folders of tests/helpers.ts go when their test file ends. */
import { afterAll } from 'vitest';
import { removeTemps } from './helpers.js';

afterAll(removeTemps);
