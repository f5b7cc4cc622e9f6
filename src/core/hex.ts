/** `0x80CF6008`: the one way a 32-bit code is displayed everywhere. */
export function formatCode(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}
