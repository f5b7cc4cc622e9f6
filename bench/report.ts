/** How bench results are shown and judged: the machine they came from, the targets, plain-text tables. */
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
}

/** Where the figures came from: they mean little without it. */
export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString(),
  };
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  /** Undefined when the part of the benchmark that measures it could not run. */
  met: boolean | undefined;
}

export function target(name: string, goal: string, measured: string, met: boolean | undefined): Target {
  return { name, goal, measured, met };
}

export const verdict = (met: boolean | undefined) =>
  met === undefined ? 'not measured' : met ? 'met' : 'MISSED';

/** A plain-text table: the first row is the header; numbers line up on the right. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) =>
        /^[-+]?[0-9.,]+( ?[a-zA-Z/%×]+)?$/.test(cell)
          ? cell.padStart(widths[i] ?? 0)
          : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Formats a number for the table: thousands grouped, a fixed number of decimals. */
export function num(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
