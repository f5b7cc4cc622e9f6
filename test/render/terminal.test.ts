import { describe, expect, it } from 'vitest';
import { answerMessage, answerQuery } from '../../src/core/answer.js';
import { renderBlocks, renderPlain, type SlackMessage } from '../../src/render/blocks.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { catalog } from '../support/catalog.js';

const ESC = String.fromCharCode(27);
const ANSI = new RegExp(`${ESC}\\[`);
const BOLD = (t: string) => `\u001b[1m${t}\u001b[22m`;

function section(text: string): SlackMessage {
  return { text: 'fallback', blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

describe('renderTerminal: mrkdwn', () => {
  it.each([
    ['*bold* text', 'bold text', `${BOLD('bold')} text`],
    ['an _italic_ word', 'an italic word', 'an \u001b[3mitalic\u001b[23m word'],
    ['~gone~', 'gone', '\u001b[9mgone\u001b[29m'],
    ['run `OM_E_*` now', 'run OM_E_* now', 'run \u001b[36mOM_E_*\u001b[39m now'],
    [
      'see <https://example.com/a?b=1&amp;c=2|the list>',
      'see the list (https://example.com/a?b=1&c=2)',
      null,
    ],
    ['bare <https://example.com>', 'bare https://example.com', null],
    ['hi <@U024BE7LH>', 'hi @U024BE7LH', null],
    ['hi <@U024BE7LH|ann>', 'hi @ann', null],
    ['in <#C024BE7LR|general>', 'in #general', null],
    ['ping <!here>', 'ping @here', null],
    ['team <!subteam^S012AB3CD|@admins>', 'team @admins', null],
    ['&lt;!channel&gt; &amp; co', '<!channel> & co', null],
    ['OM_E_DM_FAILTOCONNECTTOBITS stays', 'OM_E_DM_FAILTOCONNECTTOBITS stays', null],
    ['2*3*4 is not bold', '2*3*4 is not bold', null],
  ])('renders %j', (mrkdwn, plain, colored) => {
    expect(renderTerminal(section(mrkdwn), { color: false })).toBe(plain);
    if (colored !== null) expect(renderTerminal(section(mrkdwn), { color: true })).toBe(colored);
  });

  it('drops terminal control sequences hidden in the text', () => {
    const out = renderTerminal(section('a\u001b[2Jb\u0007c\u009bd'), { color: false });
    expect(out).toBe('a[2Jbcd');
  });
});

describe('renderTerminal: blocks', () => {
  const message: SlackMessage = {
    text: 'fallback',
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Shared by <@U024BE7LH>' }] },
      { type: 'header', text: { type: 'plain_text', text: '0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Could not connect to *BITS*.' },
        fields: [
          { type: 'mrkdwn', text: '*Component*\nDownload Manager' },
          { type: 'mrkdwn', text: '*Severity*\nError' },
          { type: 'plain_text', text: 'single line' },
        ],
      },
      { type: 'divider' },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'See the <https://x.example|list>.' }] },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'share_answer',
            text: { type: 'plain_text', text: 'Share in channel' },
          },
          { type: 'button', action_id: 'dismiss_answer', text: { type: 'plain_text', text: 'Dismiss' } },
        ],
      },
    ],
  };

  it('lays out headers, fields as "label: value", dividers, links and buttons without color', () => {
    expect(renderTerminal(message, { color: false })).toBe(
      [
        'Shared by @U024BE7LH',
        '',
        '0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS',
        'Could not connect to BITS.',
        '  Component: Download Manager',
        '  Severity: Error',
        '  single line',
        '\u2500'.repeat(40),
        'See the list (https://x.example).',
        '[Share in channel] [Dismiss]',
      ].join('\n'),
    );
  });

  it('makes headers and labels bold, context dim and buttons stand out with color', () => {
    const out = renderTerminal(message, { color: true });
    expect(out).toContain(BOLD('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS'));
    expect(out).toContain(`  ${BOLD('Component')}: Download Manager`);
    expect(out).toContain('\u001b[2mShared by @U024BE7LH\u001b[22m');
    expect(out).toContain('\u001b[7m[Share in channel]\u001b[27m');
  });

  it('keeps context dim after bold text inside it', () => {
    const out = renderTerminal(
      { text: '', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '*a* b' }] }] },
      { color: true },
    );
    expect(out).toBe('\u001b[2m\u001b[1ma\u001b[22m\u001b[2m b\u001b[22m');
  });

  it('prints the text of a message without blocks (the plain-text retry)', () => {
    const plain = renderPlain(catalog, answerQuery(catalog, '0x80cf6008'), {
      locale: 'en-US',
      surface: 'console',
    });
    const out = renderTerminal(plain, { color: false });
    expect(out).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS: A download manager operation failed');
    expect(out).toContain(`Windows Update error code list (${catalog.fallbackUrl})`);
  });
});

describe('renderTerminal: real answers', () => {
  const queries = [
    '0x80cf6008 0x80070005 0x80240047 OM_E_NOPE -2133893112',
    'BITS',
    'zebraqq <!here>',
    'help',
  ];
  const cases = catalog.locales.flatMap((locale) =>
    (['console', 'cli', 'auto-reply'] as const).flatMap((surface) =>
      queries.map((query) => ({ locale, surface, query })),
    ),
  );

  it.each(cases)(
    '$surface $locale "$query": readable with no ANSI when color is off',
    ({ locale, surface, query }) => {
      const message = renderBlocks(catalog, answerQuery(catalog, query), {
        locale,
        surface,
        query,
        shareValue: '{}',
        dismissible: true,
      });
      const plain = renderTerminal(message, { color: false });
      expect(plain).not.toMatch(ANSI);
      expect(plain).toContain(catalog.fallbackUrl);
      expect(plain).not.toMatch(/&(?:amp|lt|gt);/);
      expect(plain).not.toMatch(/<https?:/);
      const colored = renderTerminal(message, { color: true });
      expect(colored).toMatch(ANSI);
      expect(colored.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(plain);
    },
  );

  it('spells out a 40,000-character paste answer', () => {
    const paste = `${'noise '.repeat(6000)} 0x80cf6008 0x80cf4007 ${'x'.repeat(3000)}`.slice(0, 40_000);
    const message = renderBlocks(catalog, answerMessage(catalog, paste), {
      locale: 'en-US',
      surface: 'auto-reply',
    });
    const out = renderTerminal(message, { color: false });
    expect(out).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS · Download Manager');
    expect(out).toContain('OM_E_PT_SOAP_\u2217');
  });
});
