import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // PDF and end-to-end tests launch Chromium; they share one build per file.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
