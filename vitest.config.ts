import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests read one build of the sample per run (tests/sample-build.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Each test file's temporary folders are removed when it ends.
    setupFiles: ['tests/remove-temps.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
