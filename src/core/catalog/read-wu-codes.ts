import { DataError } from '../../errors.js';
import type { WuCode } from './types.js';
import { makeWuCode } from './wu-twin.js';

/** Reads `code<TAB>symbolic_name` lines (wuerror.h's values), header first. */
export function readWuCodes(file: string, source: string): WuCode[] {
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== 'code\tsymbolic_name')
    throw new DataError(file, 1, 'expected the header "code<TAB>symbolic_name"');
  const codes: WuCode[] = [];
  const seen = new Set<number>();
  lines.forEach((text, index) => {
    if (index === 0 || text.trim() === '') return;
    const [code, name, extra] = text.split('\t');
    if (
      extra !== undefined ||
      !code ||
      !name ||
      !/^0x[0-9a-fA-F]{8}$/.test(code) ||
      !/^WU_[ES]_[A-Z0-9_]+$/.test(name)
    ) {
      throw new DataError(file, index + 1, `expected "0x…<TAB>WU_…", got "${text.slice(0, 80)}"`);
    }
    const value = Number.parseInt(code.slice(2), 16) >>> 0;
    if (seen.has(value)) throw new DataError(file, index + 1, `${code} appears twice`);
    seen.add(value);
    codes.push(makeWuCode(value, name));
  });
  return codes;
}
