import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../src/core/catalog/load-catalog.js';
import { benchExtraction, type ExtractionResult } from './extraction.js';
import { type Machine, machine } from './machine.js';
import { formatTable, num } from './table.js';
import { type Target, target, verdict } from './targets.js';

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

interface Results {
  machine: Machine;
  durationMs: number;
  extraction: ExtractionResult;
  targets: Target[];
}

const started = performance.now();
const log = (line = '') => process.stdout.write(`${line}\n`);
const host = machine();
log(`intune-err benchmark — ${host.cpu}, ${host.cores} cores, Node ${host.node}, ${host.date}`);

const catalog = loadCatalog(DATA_DIR);

log('\n## Extraction (answerMessage = scan + resolve; scanTokens = scan only; naive = one regex per code)\n');
const extraction = benchExtraction(catalog);
log(
  formatTable([
    ['input', 'chars', 'answer MB/s', 'scan MB/s', 'naive MB/s', 'answer ns/char', 'naive ns/char', 'codes'],
    ...extraction.cases.map((c) => [
      c.input,
      num(c.size),
      num(c.answerMBps, 1),
      num(c.scanMBps, 1),
      num(c.naiveMBps, 2),
      num(c.answerNsPerChar, 2),
      num(c.naiveNsPerChar, 1),
      num(c.codesFound),
    ]),
  ]),
);
log('\nGrowth (ns/char at 400k ÷ ns/char at 1k; 1.0 = perfectly linear):\n');
log(
  formatTable([
    ['input', 'answer', 'scan', 'naive'],
    ...extraction.inputs.map((i) => [
      i.input,
      num(i.answerGrowth, 2),
      num(i.scanGrowth, 2),
      num(i.naiveGrowth, 2),
    ]),
  ]),
);

const worstGrowth = Math.max(...extraction.inputs.map((i) => i.answerGrowth));
const targets: Target[] = [
  target(
    'extraction speed',
    '>= 50 MB/s on the 40,000-char paste',
    `${num(extraction.headline.mbps, 1)} MB/s (naive ${num(extraction.headline.naiveMBps, 1)} MB/s, ${num(extraction.headline.speedup, 0)}×)`,
    extraction.headline.mbps >= 50,
  ),
  target(
    'extraction linear',
    'ns/char flat from 1k to 400k (growth <= 2×)',
    `worst growth ${num(worstGrowth, 2)}×`,
    worstGrowth <= 2,
  ),
];

log('\n## Targets\n');
log(
  formatTable([
    ['target', 'goal', 'measured', 'verdict'],
    ...targets.map((t) => [t.name, t.goal, t.measured, verdict(t.met)]),
  ]),
);

const results: Results = {
  machine: host,
  durationMs: Math.round(performance.now() - started),
  extraction,
  targets,
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${RESULTS} in ${(results.durationMs / 1000).toFixed(1)} s`);
