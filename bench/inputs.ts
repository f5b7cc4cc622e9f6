import type { Catalog } from '../src/core/catalog/types.js';

/** A small deterministic PRNG, so every run scans the very same text. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (value: number, digits = 8) => value.toString(16).padStart(digits, '0');

/**
 * What admins paste: agent log lines, each with a code in one of the spellings
 * people copy (0x hex, bare hex, signed and unsigned decimal, symbolic name),
 * between timestamps, thread ids, GUIDs and hashes that must not match.
 */
export function codeHeavyLog(catalog: Catalog, length: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const entries = catalog.entries;
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const entry = pick(entries);
    const guid = `${hex((next() * 2 ** 32) >>> 0)}-${hex((next() * 65536) >>> 0, 4)}-${hex((next() * 65536) >>> 0, 4)}`;
    const spelled = [
      `0x${hex(entry.value)}`,
      `0X${hex(entry.value).toUpperCase()}`,
      hex(entry.value),
      String(entry.value >>> 0),
      String(entry.value | 0),
      entry.name,
      `(${`0x${hex(entry.value)}`}).`,
    ][i % 7];
    const time = `2026-11-24 08:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`;
    const line = pick([
      `${time} 4411 1f2c Agent * WARNING: download of {${guid}} failed, hr = ${spelled}`,
      `${time} 4411 2a08 Handler FATAL: install result ${spelled} for update ${guid}; sha1 ${hex((next() * 2 ** 32) >>> 0)}${hex((next() * 2 ** 32) >>> 0)}`,
      `${time} 0992 0b10 Report Reporting event ${i}: exit code ${spelled}`,
      `> PS C:\\> $Error[0].Exception.HResult  # ${spelled} after the reboot`,
    ]);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n').slice(0, length);
}

/** Inputs built to make a careless scanner backtrack or allocate per character. */
export const ADVERSARIAL: Readonly<Record<string, (length: number) => string>> = {
  'hex run': (length) => repeat('0123456789abcdefABCDEF', length),
  '0x repeated': (length) => repeat('0x', length),
  'digits only': (length) => repeat('8024600812', length),
  'OM_E_ repeated': (length) => repeat('OM_E_', length),
  'OM_E_ spaced': (length) => repeat('OM_E_ ', length),
};

function repeat(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
