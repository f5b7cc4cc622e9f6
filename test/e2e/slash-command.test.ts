import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { fixture } from '../support/fixtures.js';
import { postCommand } from '../support/sign.js';
import { startTestBot, type TestBot } from '../support/start-app.js';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({}, { locales: { U2147483697: 'en-US', USWEDE: 'sv-SE', UFRENCH: 'fr-FR' } });
});
afterEach(async () => {
  await t.stop();
});

function command(text: string, user = 'U2147483697') {
  const body = fixture('command.intune-err');
  body.text = text;
  body.user_id = user;
  body.response_url = t.slack.responseUrl('cmd');
  return body as Record<string, string>;
}

describe('/intune-err', () => {
  it('answers privately inside the ack, with a Share in channel button', async () => {
    const res = await postCommand(t.baseUrl, command('0x80cf6008'));
    expect(res.status).toBe(200);
    const body = res.json() as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('0x80CF6008');
    expect(JSON.stringify(body.blocks)).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(JSON.stringify(body.blocks)).toContain('share_answer');
    expect(JSON.stringify(body.blocks)).toContain(
      'https://support.microsoft.com/help/938205/windows-update-error-code-list',
    );
    expect(blockKitProblems(body as never)).toEqual([]);
  });

  it('answers a repeated query exactly as the first time, in each reader’s language, and logs each lookup', async () => {
    // Separate requests (the replay guard refuses a body it has seen), the same question.
    const ask = (user?: string, n = 0) =>
      postCommand(t.baseUrl, { ...command('0x80cf6008 BITS', user), trigger_id: `trigger-${n}` });
    const first = (await ask(undefined, 1)).text;
    const again = (await ask(undefined, 2)).text;
    const swedish = (await ask('USWEDE', 3)).text;
    expect(first).toContain('OM_E_DM_FAILTOCONNECTTOBITS');
    expect(again).toBe(first);
    expect(swedish).not.toBe(first);
    const lookups = t.logs.filter((l) => l.msg === 'lookup' && l.surface === 'command');
    expect(lookups).toHaveLength(3);
    for (const line of lookups) {
      expect(line).toMatchObject({ kind: 'codes', codes: ['0x80CF6008'] });
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['surface', 'kind', 'codes', 'locale', 'ms']));
    }
    expect(lookups.map((l) => l.locale)).toEqual(['en-US', 'en-US', 'sv-SE']);
  });

  it('answers in the user’s Slack language', async () => {
    const sv = (await postCommand(t.baseUrl, command('0x80cf6008', 'USWEDE'))).json() as { text: string };
    const en = (await postCommand(t.baseUrl, command('0x80cf6008'))).json() as { text: string };
    expect(sv.text).toContain('hämtningshanteraren');
    expect(en.text).toContain('download manager');
  });

  it('falls back to DEFAULT_LOCALE for a locale without a table', async () => {
    const fr = (await postCommand(t.baseUrl, command('0x80cf6008', 'UFRENCH'))).json() as { text: string };
    expect(fr.text).toContain('hämtningshanteraren');
  });

  it('falls back to DEFAULT_LOCALE when users.info fails', async () => {
    t.slack.script('users.info', { body: { ok: false, error: 'user_not_found' } });
    const res = await postCommand(t.baseUrl, command('0x80cf6008', 'UNOBODY'));
    expect(res.status).toBe(200);
    expect((res.json() as { text: string }).text).toContain('hämtningshanteraren');
  });

  it('makes no Web API call once the user’s locale is cached', async () => {
    await postCommand(t.baseUrl, command('0x80cf6008'));
    const before = t.slack.calls.length;
    await postCommand(t.baseUrl, command('0x80cf6009'));
    await t.slack.settle(50);
    expect(t.slack.calls.length).toBe(before);
  });

  it('shows usage for an empty command or help', async () => {
    for (const text of ['', 'help']) {
      const body = (await postCommand(t.baseUrl, command(text))).json() as {
        text: string;
        blocks: unknown[];
      };
      expect(JSON.stringify(body.blocks)).toContain('0x80cf6008');
      expect(JSON.stringify(body.blocks)).toContain('support.microsoft.com');
    }
  });

  it('searches when given words', async () => {
    const body = (await postCommand(t.baseUrl, command('BITS'))).json() as { blocks: unknown[] };
    expect(JSON.stringify(body.blocks)).toContain('OM_E_DM_BITSTRANSFERERROR');
  });

  it('never echoes a channel ping, a user mention or a forged link back live', async () => {
    const body = (
      await postCommand(
        t.baseUrl,
        command('<!channel> <!here> <@U999> <!subteam^S123|@admins> <https://evil.test|click> zzz'),
      )
    ).json();
    const sent = JSON.stringify(body);
    for (const live of ['<!channel>', '<!here>', '<@U999>', '<!subteam', '<https://evil.test'])
      expect(sent).not.toContain(live);
  });

  it('answers many codes in one valid message, then says how many more', async () => {
    const body = (
      await postCommand(
        t.baseUrl,
        command(Array.from({ length: 120 }, (_, i) => `0x80cf${(0x8000 + i).toString(16)}`).join(' ')),
      )
    ).json();
    expect(blockKitProblems(body as never)).toEqual([]);
  });
});
