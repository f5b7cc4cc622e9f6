import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests start real HTTP servers; keep a generous but bounded budget.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
