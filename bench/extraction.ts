import { answerMessage, itemsOf } from '../src/core/answer.js';
import type { Catalog } from '../src/core/catalog/types.js';
import { scanTokens } from '../src/core/extract-codes.js';
import { ADVERSARIAL, codeHeavyLog } from './inputs.js';
import { createNaiveExtractor } from './naive-extract.js';
import { round, time } from './stats.js';

export const SIZES = [1_000, 10_000, 40_000, 400_000] as const;

export interface ExtractionCase {
  input: string;
  size: number;
  /** Megabytes (10^6 bytes of UTF-8; these inputs are ASCII) per second. */
  answerMBps: number;
  scanMBps: number;
  naiveMBps: number;
  answerNsPerChar: number;
  scanNsPerChar: number;
  naiveNsPerChar: number;
  codesFound: number;
}

export interface ExtractionInput {
  input: string;
  /** ns/char at the largest size over ns/char at the smallest: 1 is perfectly linear. */
  answerGrowth: number;
  scanGrowth: number;
  naiveGrowth: number;
}

export interface ExtractionResult {
  cases: ExtractionCase[];
  inputs: ExtractionInput[];
  /** The headline figure: answerMessage on the 40,000-character code-heavy paste. */
  headline: { mbps: number; naiveMBps: number; speedup: number; codes: number };
}

const mbps = (chars: number, ns: number) => chars / 1e6 / (ns / 1e9);

export function benchExtraction(catalog: Catalog, budgetMs = 120): ExtractionResult {
  const naive = createNaiveExtractor(catalog);
  const makers: Record<string, (n: number) => string> = {
    'code-heavy log': (n) => codeHeavyLog(catalog, n),
    ...ADVERSARIAL,
  };
  const cases: ExtractionCase[] = [];
  for (const [input, make] of Object.entries(makers)) {
    for (const size of SIZES) {
      const text = make(size);
      const answer = time(() => answerMessage(catalog, text), budgetMs);
      const scan = time(() => scanTokens(text), budgetMs);
      // The naive scan is slow by design; a smaller budget keeps the run short.
      const slow = time(() => naive(text), budgetMs / 2, 20, 10);
      cases.push({
        input,
        size: text.length,
        answerMBps: round(mbps(text.length, answer.nsPerCall)),
        scanMBps: round(mbps(text.length, scan.nsPerCall)),
        naiveMBps: round(mbps(text.length, slow.nsPerCall), 2),
        answerNsPerChar: round(answer.nsPerCall / text.length, 2),
        scanNsPerChar: round(scan.nsPerCall / text.length, 2),
        naiveNsPerChar: round(slow.nsPerCall / text.length, 2),
        codesFound: itemsOf(answerMessage(catalog, text)).length,
      });
    }
  }
  const inputs = Object.keys(makers).map((input) => {
    const rows = cases.filter((c) => c.input === input);
    const first = rows[0] as ExtractionCase;
    const last = rows[rows.length - 1] as ExtractionCase;
    return {
      input,
      answerGrowth: round(last.answerNsPerChar / first.answerNsPerChar, 2),
      scanGrowth: round(last.scanNsPerChar / first.scanNsPerChar, 2),
      naiveGrowth: round(last.naiveNsPerChar / first.naiveNsPerChar, 2),
    };
  });
  const head = cases.find((c) => c.input === 'code-heavy log' && c.size === 40_000) as ExtractionCase;
  return {
    cases,
    inputs,
    headline: {
      mbps: head.answerMBps,
      naiveMBps: head.naiveMBps,
      speedup: round(head.answerMBps / head.naiveMBps, 1),
      codes: head.codesFound,
    },
  };
}
