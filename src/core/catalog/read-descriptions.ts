import { DataError } from '../../errors.js';

export interface DescriptionRow {
  line: number;
  value: number;
  description: string;
}

/** Reads `code<TAB>description` lines: our own words for codes a table only names. */
export function readDescriptions(file: string, source: string): DescriptionRow[] {
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== 'code\tdescription')
    throw new DataError(file, 1, 'expected the header "code<TAB>description"');
  const rows: DescriptionRow[] = [];
  const seen = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.trim() === '') continue;
    const [code, description, extra] = text.split('\t');
    if (extra !== undefined || !code || !/^0x[0-9A-Fa-f]{8}$/.test(code) || !description?.trim())
      throw new DataError(file, i + 1, 'expected "0x…<TAB>a description"');
    const value = Number.parseInt(code.slice(2), 16) >>> 0;
    if (seen.has(value)) throw new DataError(file, i + 1, `${code} appears twice`);
    seen.add(value);
    rows.push({ line: i + 1, value, description: description.trim() });
  }
  return rows;
}
