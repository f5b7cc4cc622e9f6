import { Writable } from 'node:stream';
import type { LogLevel } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';

/** A log destination handing each line written to it to `keep`. */
function sink(keep: (line: string) => void): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      keep(String(chunk));
      done();
    },
  });
}

/** A log destination that keeps every line written to it, as written. */
export function captureLines(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  return { lines, destination: sink((line) => lines.push(line)) };
}

/** A logger (debug level unless told) that keeps every line it writes, parsed, in `lines`. */
export function captureLog(level: LogLevel = 'debug'): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = sink((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { log: createLogger({ level, destination }), lines };
}
