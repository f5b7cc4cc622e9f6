import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { answerMessage, answerQuery } from '../../src/core/answer.js';
import { renderBlocks, renderPlain, type Surface } from '../../src/render/blocks.js';
import { strings } from '../../src/render/strings.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { itemsOf } from '../support/answer-parts.js';
import { catalog } from '../support/catalog.js';

const SURFACES: readonly Surface[] = ['command', 'mention', 'auto-reply', 'shortcut', 'shared', 'console'];

/** Every text a person reads in a message, links spelled out. */
function read(message: { text: string; blocks: unknown[] }): string {
  return renderTerminal(message as Parameters<typeof renderTerminal>[0], { color: false });
}

async function cli(code: string, locale: string): Promise<string> {
  let out = '';
  await runCli(['--lang', locale, code], {
    stdout: (t) => (out += t),
    stderr: () => {},
    env: {},
    color: false,
    catalog,
  });
  return out;
}

describe.each(['en-US', 'sv-SE'])('one code carries the same facts on every surface (%s)', (locale) => {
  const s = strings(locale);
  const cases = [
    // A Windows Update code with an Intune twin: the twin must show everywhere.
    {
      code: '0x8024402c',
      facts: ['0x8024402C', 'WU_E_PT_WINHTTP_NAME_NOT_RESOLVED', '0x80CF402C', s.intuneTwin],
    },
    // A curated code: its docs link and family.
    {
      code: '0x80070643',
      facts: ['0x80070643', 'ERROR_INSTALL_FAILURE', s.family.win32, 'learn.microsoft.com'],
    },
  ];

  it.each(cases)('$code', async ({ code, facts }) => {
    const item = itemsOf(answerQuery(catalog, code))[0];
    const hint =
      item?.record?.hints?.[locale]?.[0] ?? catalog.componentHints('protocol-talker', locale)[0] ?? '';
    const firstWords = hint.replace(/`/g, '').slice(0, 20);
    const expected = [...facts, s.label.source, firstWords, catalog.fallbackUrl];
    const texts: [string, string][] = [];
    for (const surface of SURFACES) {
      const answer =
        surface === 'auto-reply' ? answerMessage(catalog, `failed: ${code}`) : answerQuery(catalog, code);
      texts.push([surface, read(renderBlocks(catalog, answer, { locale, surface }))]);
    }
    texts.push([
      'plain',
      read(renderPlain(catalog, answerQuery(catalog, code), { locale, surface: 'command' })),
    ]);
    texts.push(['cli', await cli(code, locale)]);
    for (const [surface, text] of texts)
      for (const fact of expected) expect(text, `${surface} lacks ${fact}`).toContain(fact);
  });
});
