import { DataError } from '../../errors.js';
import type { WindowsName } from './types.js';

const KINDS = new Set<WindowsName['kind']>(['facility', 'win32', 'hresult', 'ntstatus']);

/** Reads `value<TAB>kind<TAB>name<TAB>header` lines (facts from the SDK headers), header line first. */
export function readWindowsNames(file: string, source: string): WindowsName[] {
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== 'value\tkind\tname\theader')
    throw new DataError(file, 1, 'expected the header "value<TAB>kind<TAB>name<TAB>header"');
  const names: WindowsName[] = [];
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    if (text.trim() === '') continue;
    const [value, kind, name, header, extra] = text.split('\t');
    const valid =
      extra === undefined &&
      value !== undefined &&
      /^(?:0x[0-9A-Fa-f]{1,8}|[0-9]{1,10})$/.test(value) &&
      KINDS.has(kind as WindowsName['kind']) &&
      name !== undefined &&
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) &&
      header !== undefined &&
      header !== '';
    if (!valid) throw new DataError(file, i + 1, `expected "value<TAB>kind<TAB>NAME<TAB>header.h"`);
    names.push({
      value: Number(value) >>> 0,
      kind: kind as WindowsName['kind'],
      name,
      header,
    });
  }
  return names;
}
