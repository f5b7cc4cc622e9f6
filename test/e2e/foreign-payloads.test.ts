/**
 * Payloads the app does not create (someone else's modal, an old dialog, a menu asking for
 * options, a shortcut or button added in the app settings but not in code) are acknowledged at
 * once, over HTTP and Socket Mode alike, instead of being left to time out after 3 s with an
 * error line; nothing is sent to anyone, and the bot answers as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { foreignPayloads } from '../support/foreign-payloads.js';
import { postCommand, postInteraction, postRaw } from '../support/sign.js';
import { EN_USER } from '../support/slack-events.js';
import { startTestBot, type TestBot } from '../support/start-app.js';
import { type RunningBotInMode, type SocketTestBot, startBotIn } from '../support/start-socket-bot.js';

type Running = RunningBotInMode;

/** Sends an interactivity payload; resolves with what Slack got back as the acknowledgement. */
async function deliver(running: Running, payload: Record<string, unknown>): Promise<unknown> {
  if (running.mode === 'http') {
    const res = await postInteraction(running.bot.baseUrl, payload);
    expect(res.status).toBe(200);
    return res.text === '' ? undefined : res.json();
  }
  const ack = await running.bot.socket.send('interactive', payload);
  return ack.payload;
}

function expectAck(acked: unknown, expected: 'empty' | 'no options'): void {
  if (expected === 'no options') expect(acked).toEqual({ options: [] });
  else expect(acked ?? {}).toEqual({});
}

function noTimeouts(bot: TestBot | SocketTestBot): void {
  expect(bot.rawLogs.join('\n')).not.toMatch(/not acknowledged|within 3 seconds/);
}

describe.each(['http', 'socket'] as const)('payloads the app does not create, %s mode', (mode) => {
  let running: Running;

  beforeAll(async () => {
    running = await startBotIn(mode);
  });
  afterAll(async () => {
    await running?.bot.stop();
  });

  it.each(foreignPayloads('http://127.0.0.1:9/unused').map((p) => [p.what, p] as const))(
    'acknowledges %s at once and sends nothing',
    async (_what, { what }) => {
      const payload = foreignPayloads(running.bot.slack.responseUrl('foreign')).find((p) => p.what === what);
      if (!payload) throw new Error(`no payload ${what}`);
      const before = running.bot.slack.calls.length;
      expectAck(await deliver(running, payload.payload), payload.ack);
      await running.bot.slack.settle(50);
      expect(running.bot.slack.calls.slice(before)).toEqual([]);
      noTimeouts(running.bot);
      const noted = running.bot.logs.filter((l) => l.msg === 'payload the app does not handle; acknowledged');
      expect(noted.length).toBeGreaterThan(0);
    },
  );

  it('acknowledges a slash command it does not own with nothing', async () => {
    const command = { ...fixture('command.intune-err'), command: '/someone-else', text: '0x80cf6008' };
    if (running.mode === 'http') {
      const res = await postCommand(running.bot.baseUrl, command);
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    } else {
      const ack = await running.bot.socket.send('slash_commands', command);
      expect(ack.payload ?? {}).toEqual({});
    }
    noTimeouts(running.bot);
  });

  it('still answers its own command and logs no payload text', async () => {
    const command = { ...fixture('command.intune-err'), text: '0x80cf6008', user_id: EN_USER };
    if (running.mode === 'http') {
      const res = await postCommand(running.bot.baseUrl, command);
      expect(res.text).toContain('0x80CF6008');
    } else {
      const ack = await running.bot.socket.send('slash_commands', command);
      expect(JSON.stringify(ack.payload)).toContain('0x80CF6008');
    }
    const logs = running.bot.rawLogs.join('\n');
    expect(logs).not.toContain('Someone else’s modal');
    expect(logs).not.toContain('a value');
  });
});

describe('signed bodies Bolt cannot classify (HTTP)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it.each([
    ['an empty JSON object', '{}', 'application/json'],
    ['a JSON object of no known shape', '{"hello":"world"}', 'application/json'],
    ['a form with no payload', 'hello=world', 'application/x-www-form-urlencoded'],
  ])('acknowledges %s at once', async (_what, body, type) => {
    const res = await postRaw(bot.baseUrl, body, type);
    expect(res.status).toBe(200);
    noTimeouts(bot);
  });
});
