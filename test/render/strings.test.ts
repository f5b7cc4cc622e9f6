import { describe, expect, it } from 'vitest';
import type { ComponentId } from '../../src/core/catalog/types.js';
import { STRING_LOCALES, strings, type UiStrings } from '../../src/render/strings.js';
import { catalog } from '../support/catalog.js';

const COMPONENTS: ComponentId[] = [
  'general',
  'protocol-talker',
  'windows-installer',
  'update-handler',
  'client-ui',
  'download-manager',
  'datastore',
  'automatic-updates',
  'expression-evaluator',
  'reporter',
];

/** Every string a locale holds, functions called with a sample argument. */
function leaves(s: UiStrings): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') out.push(String(value('X')));
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(s);
  return out;
}

describe('strings', () => {
  it.each(STRING_LOCALES)('labels every component in %s', (locale) => {
    const s = strings(locale);
    for (const id of COMPONENTS) expect(s.component[id]?.trim()).toBeTruthy();
    expect(Object.keys(s.component).sort()).toEqual([...COMPONENTS].sort());
  });

  it.each(STRING_LOCALES)('holds no empty string and no markup in %s', (locale) => {
    for (const text of leaves(strings(locale))) {
      expect(text.trim()).not.toBe('');
      // Strings are plain text; the renderer adds formatting and escaping.
      expect(text).not.toMatch(/[<>&*`]/);
    }
  });

  it('answers every catalog locale in its own language, or in English for a page dropped in later', () => {
    for (const locale of catalog.locales) {
      const language = locale.split('-')[0];
      expect([language, 'en']).toContain(strings(locale).locale.split('-')[0]);
    }
    expect(strings('sv-SE').locale).toBe('sv-SE');
    expect(strings('en-US').locale).toBe('en-US');
  });

  it('speaks Swedish for sv-SE and English for en-US', () => {
    expect(strings('sv-SE').notInTable).toBe('Finns inte i Intune-tabellen.');
    expect(strings('en-US').notInTable).toBe('Not in the Intune table.');
    expect(strings('sv-SE').andMore(3)).toBe('…och 3 till');
    expect(strings('en-US').andMore(3)).toBe('…and 3 more');
  });

  it('tells a Share press that cannot be honoured what to do instead, in each language', () => {
    expect(strings('en-US').shareFailed).toBe(
      'This answer could not be shared. Run /intune-err again, for example /intune-err 0x80cf6008, and share the new answer.',
    );
    expect(strings('sv-SE').shareFailed).toBe(
      'Det gick inte att dela det här svaret. Kör /intune-err igen, till exempel /intune-err 0x80cf6008, och dela det nya svaret.',
    );
    // Not the mention hint: a button press is not a mention.
    for (const locale of STRING_LOCALES)
      expect(strings(locale).shareFailed).not.toBe(strings(locale).noCodes);
  });

  it.each([
    ['de-DE', 'en-US'],
    ['', 'en-US'],
    ['sv', 'sv-SE'],
    ['sv-FI', 'sv-SE'],
    ['sv_SE', 'sv-SE'],
    ['EN-gb', 'en-US'],
  ])('answers %j in %s', (requested, expected) => {
    expect(strings(requested).locale).toBe(expected);
  });

  it('translates every user-facing string (no English left in Swedish)', () => {
    const en = leaves(strings('en-US'));
    const sv = leaves(strings('sv-SE'));
    expect(sv).toHaveLength(en.length);
    // Proper names and examples stay the same in both languages; sentences do not.
    const same = en.filter((text, i) => text === sv[i] && text.includes(' ') && !/^[A-Z][\w ]*$/.test(text));
    expect(same.filter((t) => !t.startsWith('Protocol Talker') && !t.startsWith('Windows'))).toEqual([]);
  });
});
