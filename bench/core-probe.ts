import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answerMessage } from '../src/core/answer.js';
import { loadCatalog } from '../src/core/catalog/load-catalog.js';
import { codeHeavyLog } from './inputs.js';
import { round, time } from './stats.js';

/**
 * The same small workload (answerMessage on the 40,000-character paste) pinned to
 * each core in turn. Virtual machines' cores are not always equal (one here ran
 * at half the speed of the other for long stretches); this shows how far apart
 * they were during the run, so that a figure can be read in context.
 */
export interface CoreProbe {
  core: number | undefined;
  mbps: number;
}

const SELF = fileURLToPath(import.meta.url);

export function probeCores(): CoreProbe[] {
  const cores = os.cpus().length;
  const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const targets: (number | undefined)[] = pinned
    ? Array.from({ length: Math.min(cores, 4) }, (_, i) => i)
    : [undefined];
  return targets.map((core) => {
    const command = [process.execPath, '--import', 'tsx', SELF];
    const [file, ...args] = core === undefined ? command : ['taskset', '-c', String(core), ...command];
    const out = spawnSync(file as string, args, { encoding: 'utf8', timeout: 20_000 });
    const mbps = Number(/^mbps (\S+)/m.exec(out.stdout ?? '')?.[1]);
    return { core, mbps };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const catalog = loadCatalog(fileURLToPath(new URL('../data/', import.meta.url)));
  const text = codeHeavyLog(catalog, 40_000);
  const { nsPerCall } = time(() => answerMessage(catalog, text), 400);
  process.stdout.write(`mbps ${round(text.length / 1e6 / (nsPerCall / 1e9))}\n`);
}
