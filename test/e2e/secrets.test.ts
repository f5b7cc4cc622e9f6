import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { postCommand, postEvent, postInteraction, postRaw, SIGNING_SECRET } from '../support/sign.js';
import { mentionEvent, messageEvent, send } from '../support/slack-events.js';
import { BOT_TOKEN, startTestBot, type TestBot, TestBotStartError } from '../support/start-app.js';

let t: TestBot;
afterEach(async () => {
  await t?.stop();
});

/** The secrets, and pieces of them long enough to identify them. */
const needles = [
  BOT_TOKEN,
  BOT_TOKEN.slice(5),
  BOT_TOKEN.split('-').at(-1) as string,
  SIGNING_SECRET,
  SIGNING_SECRET.slice(0, 20),
  SIGNING_SECRET.slice(-16),
  encodeURIComponent(BOT_TOKEN),
];

function expectNoSecrets(lines: readonly string[]) {
  const all = lines.join('');
  expect(all.length).toBeGreaterThan(0);
  for (const needle of needles) expect(all, `log output holds ${needle.slice(0, 8)}…`).not.toContain(needle);
}

describe('secrets never reach the logs (debug level, error paths forced)', () => {
  it('through Slack failures: invalid_auth, 5xx, 429, dropped connections, ok:false, failing lookups', async () => {
    t = await startTestBot();
    const { slack } = t;
    slack.script(
      'users.info',
      { body: { ok: false, error: 'invalid_auth' } },
      { status: 500, body: { ok: false } },
    );
    slack.script(
      'chat.postMessage',
      { body: { ok: false, error: 'invalid_auth' } },
      { body: { ok: false, error: 'token_revoked' } },
      { status: 503, body: { ok: false, error: 'service_unavailable' } },
      { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
      { destroy: true },
      { body: { ok: false, error: 'invalid_blocks' } },
      { body: { ok: false, error: 'not_authed' } },
    );
    slack.script('conversations.replies', { body: { ok: false, error: 'invalid_auth' } });
    for (let i = 0; i < 5; i++) await send(t.baseUrl, messageEvent({ channel: `C0SEC${i}` }));
    await postEvent(t.baseUrl, mentionEvent({ text: '<@UBOT00001> help?', threadTs: '1764000200.000100' }));
    slack.script('response/share', { status: 500, body: { ok: false } });
    const press = fixture('block_actions.share_answer');
    press.response_url = slack.responseUrl('share');
    await postInteraction(t.baseUrl, press);
    await slack.waitFor('chat.postMessage', 6, 10_000);
    await t.bot.slack.drain();
    await slack.settle(300);
    // The error paths really ran.
    expect(t.logs.some((l) => l.msg === 'Slack call failed' && l.error === 'invalid_auth')).toBe(true);
    expect(t.logs.some((l) => (l.level as number) >= 50)).toBe(true);
    // And the token was really sent to Slack, so it was there to leak.
    expect(String(slack.calls.find((c) => c.method === 'chat.postMessage')?.headers.authorization)).toContain(
      BOT_TOKEN,
    );
    expectNoSecrets(t.rawLogs);
  });

  it('through bad signatures, replays, malformed and oversized bodies', async () => {
    t = await startTestBot();
    const command = fixture('command.intune-err');
    const ts = Math.floor(Date.now() / 1000);
    await postCommand(t.baseUrl, command, { secret: 'wrong-secret-0000000000000000' });
    await postCommand(t.baseUrl, command, { timestamp: ts - 3600 });
    await postCommand(t.baseUrl, command, { timestamp: ts });
    await postCommand(t.baseUrl, command, { timestamp: ts });
    await postRaw(t.baseUrl, 'null', 'application/json');
    await postRaw(t.baseUrl, '{"broken":', 'application/json');
    // A token pasted into a message must not be logged either.
    await postEvent(
      t.baseUrl,
      messageEvent({ channel: 'C0LEAK', text: `my token is ${BOT_TOKEN} and 0x80cf6008` }),
    );
    await t.slack.waitFor('chat.postMessage');
    await t.bot.slack.drain();
    expect(t.logs.some((l) => l.msg === 'request refused before Bolt')).toBe(true);
    expect(t.rawLogs.some((l) => l.includes('signature mismatch'))).toBe(true);
    expectNoSecrets(t.rawLogs);
  });

  it('when auth.test itself says invalid_auth: start-up stops naming SLACK_BOT_TOKEN', async () => {
    const failed = await startTestBot(
      {},
      {},
      {
        beforeStart: (slack) => slack.script('auth.test', { body: { ok: false, error: 'invalid_auth' } }),
      },
    ).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(TestBotStartError);
    const { cause, slack, rawLogs } = failed as TestBotStartError;
    expect(cause).toMatchObject({ code: 'INTUNE_ERR_CONFIG', variable: 'SLACK_BOT_TOKEN' });
    expect(String((cause as Error).message)).toContain('invalid_auth');
    expect(slack.callsOf('auth.test')).toHaveLength(1);
    expect(String((cause as Error).message)).not.toContain(BOT_TOKEN);
    expectNoSecrets(rawLogs);
  });
});
