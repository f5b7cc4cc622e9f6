import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { answerMessage, answerQuery } from '../../src/core/answer.js';
import { plainText } from '../../src/core/catalog/build-catalog.js';
import {
  type RenderOptions,
  renderBlocks,
  renderPlain,
  type SlackMessage,
  type Surface,
} from '../../src/render/blocks.js';
import { strings } from '../../src/render/strings.js';
import { ACTION_DISMISS, ACTION_SHARE } from '../../src/slack/registry.js';
import { itemsOf, searchOf } from '../support/answer-parts.js';
import { assertWithinBlockKitLimits, liveSpans, mrkdwnTexts } from '../support/block-kit-limits.js';
import { catalog } from '../support/catalog.js';

const SURFACES: Surface[] = ['command', 'mention', 'auto-reply', 'shortcut', 'shared', 'console', 'cli'];
const LOCALES = catalog.locales;
const FALLBACK_LINK = `<${catalog.fallbackUrl}|`;

function render(query: string, options: Partial<RenderOptions> = {}): SlackMessage {
  return renderBlocks(catalog, answerQuery(catalog, query), {
    locale: 'en-US',
    surface: 'command',
    query,
    ...options,
  });
}

/** Everything the blocks show, as one string (the fallback text is checked on its own). */
function shown(message: SlackMessage): string {
  if (message.blocks.length === 0) return message.text;
  return [
    ...mrkdwnTexts({ text: '', blocks: message.blocks }),
    ...message.blocks.flatMap((b) => (b.type === 'header' ? [b.text.text] : [])),
    ...message.blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => ('text' in e && e.text ? e.text.text : '')) : [],
    ),
  ].join('\n');
}

function ofType<T extends KnownBlock['type']>(message: SlackMessage, type: T) {
  return message.blocks.filter((b): b is Extract<KnownBlock, { type: T }> => b.type === type);
}

function moreCount(message: SlackMessage, locale: string): number | undefined {
  const pattern = strings(locale).andMore(987654).replace('987654', '(\\d+)');
  const match = new RegExp(pattern).exec(shown(message));
  return match ? Number(match[1]) : undefined;
}

const ALL_CODES = catalog.entries.map((e) => e.code.toLowerCase()).join(' ');

/** A long paste from a log: 60 distinct codes, known and unknown, padded with log noise to 40,000 characters. */
function bigPaste(): string {
  const codes = [
    ...catalog.entries.slice(0, 50).map((e) => e.code.toLowerCase()),
    ...Array.from({ length: 10 }, (_, i) => `0x8007${(0x100 + i).toString(16).padStart(4, '0')}`),
  ];
  let paste = '';
  for (let i = 0; paste.length < 40_000; i++) {
    const minute = String(i % 60).padStart(2, '0');
    paste += `2024-05-01 10:${minute}:00 UpdateAgent[4242] <!channel> install failed hr=${codes[i % codes.length]} &\n`;
  }
  return paste.slice(0, 40_000);
}

describe('renderBlocks: one code', () => {
  describe.each(LOCALES)('in %s', (locale) => {
    const s = strings(locale);
    const entry = catalog.byName('OM_E_DM_FAILTOCONNECTTOBITS');
    if (!entry) throw new Error('catalog lacks OM_E_DM_FAILTOCONNECTTOBITS');
    const message = render('0x80cf6008', { locale });

    it('heads the answer with the canonical code and the symbolic name', () => {
      expect(ofType(message, 'header')[0]?.text.text).toBe('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
    });

    it("gives the description in the reader's language", () => {
      expect(shown(message)).toContain(plainText(entry.description[locale] ?? []));
    });

    it('labels the component, family, severity and Windows Update twin in the same language', () => {
      const fields = ofType(message, 'section')
        .flatMap((b) => b.fields ?? [])
        .map((f) => f.text);
      expect(fields).toEqual([
        `*${s.label.component}*\n${s.component['download-manager']}`,
        `*${s.label.family}*\n${s.family['intune-update-agent']}`,
        `*${s.label.severity}*\n${s.severity.error}`,
        `*${s.label.windowsUpdate}*\n0x80246008 WU_E_DM_FAILTOCONNECTTOBITS`,
      ]);
    });

    it('names its source and says what to try, in the same language', () => {
      const text = shown(message);
      expect(text).toContain(`${s.label.source}: ${s.source['intune-table']}`);
      expect(text).toMatch(new RegExp(`\\*${s.tryNext}\\*\\n\u2022 \\S`));
    });

    it('links to the Windows Update error code list with the page’s own label', () => {
      const label = catalog.pages[locale]?.fallbackLabel;
      expect(shown(message)).toContain(`${FALLBACK_LINK}${label}>`);
      expect(message.text).toContain(catalog.fallbackUrl);
    });

    it('sets a plain fallback text that starts with the code, name and description', () => {
      expect(
        message.text.startsWith(
          `0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS: ${plainText(entry.description[locale] ?? []).slice(0, 40)}`,
        ),
      ).toBe(true);
    });

    it('stays within every Block Kit limit', () => {
      assertWithinBlockKitLimits(message);
    });
  });

  it('turns bold text of the source page into mrkdwn bold', () => {
    expect(shown(render('OM_E_CALL_CANCELLED_BY_POLICY'))).toContain('*DisableWindowsUpdateAccess*');
  });

  it('keeps the wildcard * of the source from pairing with a bold marker', () => {
    const section = ofType(render('0x80cf4007'), 'section')[0]?.text?.text ?? '';
    expect(section).toContain('OM_E_PT_SOAP_\u2217');
    expect(section.split('*').length % 2).toBe(1);
  });

  it('says a success code is a success', () => {
    const fields = ofType(render('0x00cf0001'), 'section')
      .flatMap((b) => b.fields ?? [])
      .map((f) => f.text);
    expect(fields).toContain(`*Severity*\n${strings('en-US').severity.success}`);
  });

  it('shows no Windows Update twin for the rows whose Windows Update value means something else', () => {
    expect(shown(render('0x80cf0047'))).not.toContain('Windows Update*\n');
  });

  it('notes the decimal a code was typed as', () => {
    expect(shown(render('-2133893112'))).toContain('Entered as -2133893112');
    expect(shown(render('2161074184'))).toContain('Entered as 2161074184');
  });

  it.each(LOCALES)(
    'answers a Windows Update code as itself, in its Intune twin’s words, naming the twin (%s)',
    (locale) => {
      const s = strings(locale);
      const twin = catalog.byName('OM_E_DM_FAILTOCONNECTTOBITS');
      const message = render('0x80246008', { locale });
      expect(ofType(message, 'header')[0]?.text.text).toBe('0x80246008 WU_E_DM_FAILTOCONNECTTOBITS');
      const text = shown(message);
      expect(text).toContain(plainText(twin?.description[locale] ?? []));
      expect(text).toContain(`*${s.intuneTwin}*\n0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS`);
      expect(text).toContain(`*${s.label.family}*\n${s.family['windows-update']}`);
      expect(text).toContain(`${s.label.source}: ${s.sourceTwinWords}`);
      assertWithinBlockKitLimits(message);
    },
  );
});

describe('renderBlocks: codes outside the Intune table', () => {
  it.each(LOCALES)(
    'explains a Windows Update code without a twin in our words, says so, and links Microsoft’s list (%s)',
    (locale) => {
      const s = strings(locale);
      const record = catalog.lookup(0x80240047);
      const message = render('0x80240047', { locale });
      expect(ofType(message, 'header')[0]?.text.text).toBe('0x80240047 WU_E_REVERT_NOT_ALLOWED');
      const text = shown(message);
      expect(text).toContain(plainText(record?.description?.[locale] ?? []));
      expect(text).toContain(`*${s.label.family}*\n${s.family['windows-update']}`);
      expect(text).toContain(`${s.label.source}: ${s.source['windows-update']}`);
      expect(text).toContain(`*${s.tryNext}*`);
      expect(text).toContain(FALLBACK_LINK);
      assertWithinBlockKitLimits(message);
    },
  );

  it.each(LOCALES)(
    'explains a curated Win32 code with every name, the decode and the page that documents it (%s)',
    (locale) => {
      const s = strings(locale);
      const record = catalog.lookup(0x80070005);
      const url = record?.link?.[locale] ?? '';
      expect(url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      const message = render('0x80070005', { locale });
      expect(ofType(message, 'header')[0]?.text.text).toBe('0x80070005 E_ACCESSDENIED');
      const fields = ofType(message, 'section')
        .flatMap((b) => b.fields ?? [])
        .map((f) => f.text);
      expect(fields).toEqual([
        `*${s.label.family}*\n${s.family.win32}`,
        `*${s.label.severity}*\n${s.severity.error}`,
        `*${s.label.facility}*\n7 (WIN32)`,
        `*${s.label.detail}*\n0x0005 (5)`,
        `*${s.label.win32Error}*\n5`,
      ]);
      const text = shown(message);
      expect(text).toContain(plainText(record?.description?.[locale] ?? []));
      expect(text).toContain(`${s.alsoNamed}: ERROR_ACCESS_DENIED`);
      expect(text).toContain(
        `${s.label.source}: ${s.source.curated}: <${url}|${s.documentedAt.toLowerCase()}>`,
      );
      expect(text).toContain(`*${s.tryNext}*`);
      expect(liveSpans(message).sort()).toEqual(
        [
          `<${url}|${s.documentedAt.toLowerCase()}>`,
          `${FALLBACK_LINK}${catalog.pages[locale]?.fallbackLabel}>`,
        ].sort(),
      );
      assertWithinBlockKitLimits(message);
    },
  );

  it.each(LOCALES)(
    'decodes an unexplained HRESULT, with its family and the Win32 error for facility 7 (%s)',
    (locale) => {
      const s = strings(locale);
      const message = render('0x8007DEAD', { locale });
      expect(ofType(message, 'header')[0]?.text.text).toBe('0x8007DEAD');
      const fields = ofType(message, 'section')
        .flatMap((b) => b.fields ?? [])
        .map((f) => f.text);
      expect(fields).toEqual([
        `*${s.label.family}*\n${s.family.win32}`,
        `*${s.label.severity}*\n${s.severity.error}`,
        `*${s.label.facility}*\n7 (WIN32)`,
        `*${s.label.detail}*\n0xDEAD (57005)`,
        `*${s.label.win32Error}*\n57005`,
      ]);
      expect(shown(message)).toContain(s.familyOnly(s.family.win32));
      expect(shown(message)).toContain(`${s.label.source}: ${s.source.decoded}`);
      expect(message.text).toContain(`0x8007DEAD: ${s.familyOnly(s.family.win32)}`);
      expect(shown(message)).toContain(FALLBACK_LINK);
    },
  );

  it.each(LOCALES)('says an HRESULT of no known family is in no table, naming no facility (%s)', (locale) => {
    const s = strings(locale);
    const text = shown(render('0x8BADF00D', { locale }));
    expect(text).toContain(s.notInTable);
    expect(text).toContain(`*${s.label.facility}*\n${0xbad & 0x7ff} (${s.unnamedFacility})`);
  });

  it('says a code the Windows headers only name has no description of ours yet', () => {
    const s = strings('en-US');
    const message = render('0x80070001');
    expect(ofType(message, 'header')[0]?.text.text).toBe('0x80070001 ERROR_INVALID_FUNCTION');
    expect(shown(message)).toContain(s.namedOnly);
    expect(shown(message)).toContain(`${s.label.source}: ${s.source['windows-headers']}`);
  });

  it('offers the known code one hex digit away', () => {
    expect(shown(render('0x80cf6108'))).toContain('Did you mean: 0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS?');
  });

  it('says when the customer bit marks a vendor’s own code', () => {
    expect(shown(render('0xA0000001'))).toContain(strings('en-US').customerCode);
  });

  it('answers an unknown symbolic name without inventing a decode', () => {
    const message = render('OM_E_NOPE');
    expect(ofType(message, 'header')[0]?.text.text).toBe('OM_E_NOPE');
    expect(shown(message)).toContain(strings('en-US').unknownName);
    expect(shown(message)).toContain(FALLBACK_LINK);
  });
});

describe('renderBlocks: search, usage and nothing', () => {
  it.each(LOCALES)('lists ranked hits with code, name and a line of description (%s)', (locale) => {
    const answer = answerQuery(catalog, 'BITS');
    const message = renderBlocks(catalog, answer, { locale, surface: 'command', query: 'BITS' });
    const text = shown(message);
    const hits = searchOf(answer)?.hits ?? [];
    expect(hits.length).toBeGreaterThan(0);
    let last = -1;
    for (const hit of hits) {
      const at = text.indexOf(`*${hit.record.code}* \`${hit.record.names[0]}\``);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
    expect(text).toContain(strings(locale).searchResults);
    expect(text).toContain(FALLBACK_LINK);
    assertWithinBlockKitLimits(message);
  });

  it.each(LOCALES)('says nothing was found, echoing the query inert (%s)', (locale) => {
    const message = render('zebraqq <b>', { locale });
    const text = shown(message);
    expect(text).toContain(`${strings(locale).nothingFound} \`zebraqq &lt;b&gt;\``);
    expect(text).toContain(FALLBACK_LINK);
    expect(message.text).toContain(strings(locale).nothingFound);
  });

  it.each(LOCALES)('explains usage with every example, threads and auto-reply (%s)', (locale) => {
    const s = strings(locale);
    const message = render('help', { locale });
    const text = shown(message);
    for (const example of ['0x80cf6008', 'OM_E_DM_FAILTOCONNECTTOBITS', '-2133893112', 'BITS'])
      expect(text).toContain(`\`/intune-err ${example}\``);
    expect(text).toContain(s.usage.thread);
    expect(text).toContain(s.usage.auto);
    expect(text).toContain(FALLBACK_LINK);
    expect(message.text).toContain('/intune-err 0x80cf6008');
    assertWithinBlockKitLimits(message);
  });

  it('answers a message without codes with a short hint and the link', () => {
    const message = renderBlocks(catalog, answerMessage(catalog, 'the printer is broken again'), {
      locale: 'en-US',
      surface: 'mention',
    });
    expect(shown(message)).toContain(strings('en-US').noCodes);
    expect(shown(message)).toContain(FALLBACK_LINK);
    assertWithinBlockKitLimits(message);
  });
});

describe('renderBlocks: every kind on every surface in every locale', () => {
  const queries = ['0x80cf6008', '0x80240047', '0x80070005', 'OM_E_NOPE', 'BITS', 'zebraqq', 'help', ''];
  const cases = LOCALES.flatMap((locale) =>
    SURFACES.flatMap((surface) => queries.map((query) => ({ locale, surface, query }))),
  );

  it.each(cases)(
    '$surface $locale "$query": valid, linked, with fallback text',
    ({ locale, surface, query }) => {
      const message = render(query, {
        locale,
        surface,
        ...(surface === 'shared' ? { sharedBy: 'U024BE7LH' } : {}),
        ...(surface === 'auto-reply' ? { dismissible: true } : { shareValue: '{"v":1}' }),
      });
      assertWithinBlockKitLimits(message);
      expect(shown(message)).toContain(FALLBACK_LINK);
      expect(message.text).toContain(catalog.fallbackUrl);
      expect(message.text.trim()).not.toBe('');
    },
  );
});

describe('renderBlocks: auto-reply', () => {
  const message = renderBlocks(
    catalog,
    answerMessage(catalog, 'Got 0x80cf6008 and then 0x80cf4007 on two PCs'),
    {
      locale: 'en-US',
      surface: 'auto-reply',
      dismissible: true,
    },
  );

  it('is one compact section per code with no header', () => {
    expect(ofType(message, 'header')).toHaveLength(0);
    const sections = ofType(message, 'section').map((b) => b.text?.text ?? '');
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(
      /^\*0x80CF6008\* `OM_E_DM_FAILTOCONNECTTOBITS` · Download Manager\nA download manager/,
    );
    expect(sections[1]).toContain('*0x80CF4007* `OM_E_PT_SOAPCLIENT_SOAPFAULT`');
  });

  it('still links to the Windows Update list and offers Dismiss', () => {
    expect(shown(message)).toContain(FALLBACK_LINK);
    const buttons = ofType(message, 'actions').flatMap((b) => b.elements);
    expect(buttons.map((b) => ('action_id' in b ? b.action_id : ''))).toEqual([ACTION_DISMISS]);
  });
});

describe('renderBlocks: buttons and sharing', () => {
  const buttonsOf = (message: SlackMessage) =>
    ofType(message, 'actions')
      .flatMap((b) => b.elements)
      .map((b) => ({
        action: 'action_id' in b ? b.action_id : undefined,
        value: 'value' in b ? b.value : undefined,
        text: 'text' in b && b.text ? b.text.text : undefined,
      }));

  it.each(LOCALES)('adds a Share in channel button carrying the share value (%s)', (locale) => {
    expect(buttonsOf(render('0x80cf6008', { locale, shareValue: 'V' }))).toEqual([
      { action: ACTION_SHARE, value: 'V', text: strings(locale).shareButton },
    ]);
  });

  it('adds Dismiss when dismissible, and no actions block when neither is asked for', () => {
    expect(buttonsOf(render('0x80cf6008', { dismissible: true })).map((b) => b.action)).toEqual([
      ACTION_DISMISS,
    ]);
    expect(ofType(render('0x80cf6008'), 'actions')).toHaveLength(0);
  });

  it('leaves out a share button whose value Slack would refuse', () => {
    expect(buttonsOf(render('0x80cf6008', { shareValue: 'x'.repeat(2001) }))).toEqual([]);
  });

  it('says who shared an answer with one live mention', () => {
    const message = render('0x80cf6008', { surface: 'shared', sharedBy: 'U024BE7LH' });
    expect(liveSpans(message).filter((s) => s.startsWith('<@'))).toEqual(['<@U024BE7LH>']);
    expect(shown(message)).toContain('Shared by <@U024BE7LH>');
  });

  it('never turns a malformed sharer into a mention', () => {
    const message = render('0x80cf6008', { surface: 'shared', sharedBy: '<!channel>' });
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(liveSpans(message)).toEqual([`${FALLBACK_LINK}Windows Update error code list>`]);
  });
});

describe('renderBlocks: Slack limits with many codes', () => {
  const all = answerQuery(catalog, ALL_CODES);

  it.each(SURFACES)('renders as many of all 209 codes as fit, then "…and N more" (%s)', (surface) => {
    const message = renderBlocks(catalog, all, {
      locale: 'en-US',
      surface,
      shareValue: '{}',
      dismissible: true,
    });
    assertWithinBlockKitLimits(message);
    const text = shown(message);
    const rendered = catalog.entries.filter((e) => text.includes(e.name)).length;
    expect(rendered).toBeGreaterThan(5);
    expect(moreCount(message, 'en-US')).toBe(209 - rendered);
    expect(text).toContain(FALLBACK_LINK);
    // The codes shown are the first ones asked for, in order.
    expect(catalog.entries.slice(0, rendered).every((e) => text.includes(e.name))).toBe(true);
  });

  it.each(LOCALES)('keeps the fallback text short and says how many it left out (%s)', (locale) => {
    const message = renderBlocks(catalog, all, { locale, surface: 'command' });
    expect(message.text.length).toBeLessThanOrEqual(3000);
    const lines = message.text.split('\n').filter((l) => /^0x[0-9A-F]{8} /.test(l));
    expect(moreCount({ text: message.text, blocks: [] }, locale)).toBe(209 - lines.length);
  });

  it.each(['command', 'auto-reply'] as const)(
    'gives one valid message for a 40,000-character paste with 60 distinct codes (%s)',
    (surface) => {
      const paste = bigPaste();
      expect(paste.length).toBe(40_000);
      const answer = answerMessage(catalog, paste);
      expect(itemsOf(answer)).toHaveLength(60);
      const message = renderBlocks(catalog, answer, { locale: 'sv-SE', surface, dismissible: true });
      assertWithinBlockKitLimits(message);
      expect(liveSpans(message)).toEqual([`${FALLBACK_LINK}${catalog.pages['sv-SE']?.fallbackLabel}>`]);
      const count = moreCount(message, 'sv-SE') ?? 0;
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(60);
    },
  );

  it('keeps a long list of search hits within limits', () => {
    const answer = answerQuery(catalog, 'update server download', { searchLimit: 209 });
    expect(searchOf(answer)?.hits.length).toBeGreaterThan(50);
    const message = renderBlocks(catalog, answer, { locale: 'en-US', surface: 'command', query: 'x' });
    assertWithinBlockKitLimits(message);
    const listed = (shown(message).match(/^• /gm) ?? []).length;
    expect(moreCount(message, 'en-US') ?? 0).toBe((searchOf(answer)?.hits.length ?? 0) - listed);
  });
});

describe('renderPlain', () => {
  it.each(LOCALES)('answers in text alone, with the link, for every kind (%s)', (locale) => {
    for (const query of ['0x80cf6008', '0x80240047', '0x80070005', 'OM_E_NOPE', 'BITS', 'zebraqq', 'help']) {
      const message = renderPlain(catalog, answerQuery(catalog, query), {
        locale,
        surface: 'command',
        query,
      });
      expect(message.blocks).toEqual([]);
      expect(message.text).toContain(FALLBACK_LINK);
      assertWithinBlockKitLimits(message);
    }
  });

  it('fits all 209 codes into a short text that ends the list with "…and N more"', () => {
    const message = renderPlain(catalog, answerQuery(catalog, ALL_CODES), {
      locale: 'en-US',
      surface: 'command',
    });
    expect(message.text.length).toBeLessThanOrEqual(3000);
    const listed = message.text.split('\n').filter((l) => l.startsWith('*0x')).length;
    expect(listed).toBeGreaterThan(0);
    expect(moreCount({ text: message.text, blocks: [] }, 'en-US')).toBe(209 - listed);
  });

  it('keeps the sharer as the only mention', () => {
    const message = renderPlain(catalog, answerQuery(catalog, '0x80cf6008'), {
      locale: 'en-US',
      surface: 'shared',
      sharedBy: 'U024BE7LH',
    });
    expect(
      message.text.startsWith('Shared by <@U024BE7LH>\n*0x80CF6008* `OM_E_DM_FAILTOCONNECTTOBITS`'),
    ).toBe(true);
  });
});

describe('renderBlocks: locales', () => {
  it('falls back to the source page’s description for a locale the catalog lacks', () => {
    const entry = catalog.byName('OM_E_DM_FAILTOCONNECTTOBITS');
    const source = catalog.locales[0] ?? 'sv-SE';
    const message = render('0x80cf6008', { locale: 'de-DE' });
    expect(shown(message)).toContain(plainText(entry?.description[source] ?? []));
    expect(shown(message)).toContain('Component');
  });

  it('writes Swedish for sv-SE', () => {
    const text = shown(render('0x80cf6008 0x80070005', { locale: 'sv-SE', shareValue: 'v' }));
    for (const word of ['Komponent', 'Familj', 'Allvarlighetsgrad', 'Källa', 'Prova detta', 'Dela i kanalen'])
      expect(text).toContain(word);
  });
});

describe('renderBlocks: hostile input never comes back live', () => {
  const CORPUS = [
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U024BE7LH>',
    '<@W012A3CDE|boss>',
    '<!subteam^S012AB3CD|@admins>',
    '<#C024BE7LR>',
    '<https://evil.example/login|click here>',
    '<mailto:ceo@example.com|mail>',
    '<!date^1392734382^{date}|x>',
    '&lt;!channel&gt;',
    '&#60;!here&#62;',
    '*bold* _italic_ ~strike~ `code` ```block```',
    '<<!channel>>',
    '<!channel|channel>',
    '\u202e<!here>\u202c',
    'a\u0000b\u001b[2Jc',
    `${'<'.repeat(5000)}!channel${'>'.repeat(5000)}`,
    // Links that look like the docs links the bot writes from its data stay inert when typed.
    `<${catalog.lookup(0x80070005)?.link?.['en-US']}|click here>`,
    '<https://learn.microsoft.com/evil|documented at>',
  ];
  const FORBIDDEN = ['<!', '<@', '<#', '<http', '<mailto', '\u202e', '\u001b'];

  // The only live spans the bot writes from its own data: the fallback link, and a curated row's
  // docs link (a Microsoft page named in data/curated) with the bot's own label.
  const DATA_LINKS = new Set(catalog.explained.flatMap((r) => Object.values(r.link ?? {})));
  const DOC_LABELS = new Set(LOCALES.map((locale) => strings(locale).documentedAt.toLowerCase()));
  const isOwnSpan = (span: string) => {
    if (span.startsWith(FALLBACK_LINK)) return true;
    const m = /^<(https:\/\/(?:learn|support)\.microsoft\.com\/[^|<>]+)\|([^<>|]+)>$/.exec(span);
    return m !== null && DATA_LINKS.has(m[1] ?? '') && DOC_LABELS.has(m[2] ?? '');
  };

  /** Every way an input reaches a reply: searched, echoed, beside a code, pasted, or as the sharer. */
  function variants(input: string): SlackMessage[] {
    const out: SlackMessage[] = [];
    for (const locale of LOCALES) {
      for (const surface of SURFACES) {
        const options = { locale, surface, query: input };
        out.push(renderBlocks(catalog, answerQuery(catalog, input), options));
        out.push(renderBlocks(catalog, answerQuery(catalog, `0x80cf6008 ${input} 0x80070005`), options));
        out.push(renderBlocks(catalog, answerMessage(catalog, `${input} hr=0x80cf6008 ${input}`), options));
        out.push(renderBlocks(catalog, answerQuery(catalog, `zebraqq ${input}`), options));
        out.push(renderPlain(catalog, answerQuery(catalog, `zebraqq ${input}`), options));
        out.push(renderBlocks(catalog, answerQuery(catalog, '0x80cf6008'), { ...options, sharedBy: input }));
      }
    }
    return out;
  }

  it.each(CORPUS)('keeps %j inert everywhere', (input) => {
    for (const message of variants(input)) {
      const spans = liveSpans(message);
      expect(spans).toEqual(spans.filter(isOwnSpan));
      // With the bot's own spans taken out, nothing of the input is left live.
      let json = JSON.stringify(message).split(FALLBACK_LINK).join('');
      for (const span of spans) json = json.split(span).join('');
      for (const bad of FORBIDDEN) expect(json).not.toContain(bad === '\u001b' ? '\\u001b' : bad);
      assertWithinBlockKitLimits(message);
    }
  });

  it('echoes an escaped query inside a code span so no marker formats it', () => {
    const text = shown(render('zebraqq *bold* `tick` <!here>'));
    expect(text).toContain('`zebraqq *bold* \u02cbtick\u02cb &lt;!here&gt;`');
  });
});
