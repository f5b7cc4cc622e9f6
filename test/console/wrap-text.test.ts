import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/console/wrap-text.js';

describe('wrapText', () => {
  it('folds on word boundaries at the width', () => {
    expect(wrapText('the quick brown fox jumps over the lazy dog', 20)).toBe(
      'the quick brown fox\njumps over the lazy\ndog',
    );
  });

  it('lines a continuation up under an indented line', () => {
    expect(wrapText('  Windows Update: 0x80246008 WU_E_DM_FAILTOCONNECTTOBITS', 30)).toBe(
      '  Windows Update: 0x80246008\n  WU_E_DM_FAILTOCONNECTTOBITS',
    );
  });

  it('lines a continuation up under the second column of a list', () => {
    expect(wrapText('  /lang <locale>    answer in another language: sv-SE, en-US', 44)).toBe(
      '  /lang <locale>    answer in another\n                    language: sv-SE, en-US',
    );
  });

  it('leaves a link longer than the line whole', () => {
    const url = 'https://support.microsoft.com/help/938205/windows-update-error-code-list';
    expect(wrapText(`See ${url} now`, 30).split('\n')).toEqual(['See', url, 'now']);
  });

  it('counts colour codes as no width', () => {
    const bold = (t: string) => `\u001b[1m${t}\u001b[22m`;
    const out = wrapText(`${bold('0x80CF6008')} failed to connect to BITS`, 24);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing the colour codes to measure
    expect(out.replace(/\u001b\[\d+m/g, '').split('\n')).toEqual(['0x80CF6008 failed to', 'connect to BITS']);
  });

  it('keeps empty lines and never loops on a tiny width', () => {
    expect(wrapText('a\n\nb', 40)).toBe('a\n\nb');
    expect(wrapText('  some words here', 3).length).toBeGreaterThan(0);
  });
});
