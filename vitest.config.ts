import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Parses data/ once per run; each file builds its catalog from the cached rows.
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests start real HTTP servers; keep a generous but bounded budget.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Child processes, not worker threads: tests add process listeners and spawn the built bot.
    pool: 'forks',
    // Files share their worker's module cache (Bolt, the catalog) instead of importing it all again:
    // no test mocks modules or changes process-wide state it does not restore.
    isolate: false,
    // Most files wait on sockets and timers, not the CPU: on 2 cores, 3 workers keep both busy
    // without starving the CPU-bound files (Vitest's default would be one worker, cores - 1).
    maxWorkers: 3,
    reporters: ['default', ['./test/support/slowest-files.ts', { top: 10 }]],
  },
});
