import type { Reporter, TestModule } from 'vitest/node';

/**
 * A Vitest reporter that lists the test files that took longest (import + tests and hooks),
 * so a slow file shows up in every `npm test` instead of being found by hand.
 * `npm run test:slowest` lists every file.
 */
export default class SlowestFiles implements Reporter {
  private readonly top: number;

  constructor(options: { top?: number } = {}) {
    this.top = options.top ?? Number.POSITIVE_INFINITY;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules
      .map((module) => {
        const { collectDuration, duration } = module.diagnostic();
        return {
          file: module.relativeModuleId,
          tests: [...module.children.allTests()].length,
          importMs: collectDuration,
          testMs: duration,
          totalMs: collectDuration + duration,
        };
      })
      .sort((a, b) => b.totalMs - a.totalMs);
    const shown = rows.slice(0, this.top);
    if (shown.length === 0) return;
    const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`.padStart(10);
    const title = Number.isFinite(this.top) ? `Slowest ${shown.length} test files` : 'Test files by time';
    const lines = [
      '',
      ` ${title} (import + tests; time summed per file, files run side by side):`,
      `   ${'total'.padStart(10)} ${'import'.padStart(10)} ${'tests'.padStart(10)}  file`,
      ...shown.map(
        (r) => `   ${ms(r.totalMs)} ${ms(r.importMs)} ${ms(r.testMs)}  ${r.file} (${r.tests} tests)`,
      ),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
