/**
 * What a browser, a load balancer's probe or a port scanner sends the bot: each stray request gets
 * a 4xx and the bot keeps answering, over HTTP (/slack/events and /healthz) and in Socket Mode
 * (where PORT serves only /healthz). One such request used to end the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { postCommand, postEvent } from '../support/sign.js';
import { EN_USER, messageEvent } from '../support/slack-events.js';
import type { TestBot } from '../support/start-app.js';
import { type RunningBotInMode, type SocketTestBot, startBotIn } from '../support/start-socket-bot.js';

interface Stray {
  method: string;
  path: string;
  /** The answer in HTTP mode, and in Socket Mode (which has no /slack/events). */
  http: number;
  socket: number;
  allow?: string;
}

const STRAY: Stray[] = [
  { method: 'GET', path: '/', http: 404, socket: 404 },
  { method: 'HEAD', path: '/', http: 404, socket: 404 },
  { method: 'GET', path: '/favicon.ico', http: 404, socket: 404 },
  { method: 'GET', path: '/slack/events', http: 405, socket: 404, allow: 'POST' },
  { method: 'OPTIONS', path: '/slack/events', http: 405, socket: 404, allow: 'POST' },
  { method: 'GET', path: '/healthz/', http: 404, socket: 404 },
  { method: 'HEAD', path: '/slack/events', http: 405, socket: 404, allow: 'POST' },
  { method: 'PUT', path: '/slack/events', http: 405, socket: 404, allow: 'POST' },
  { method: 'DELETE', path: '/slack/events', http: 405, socket: 404, allow: 'POST' },
  { method: 'POST', path: '/', http: 404, socket: 404 },
  { method: 'POST', path: '/slack/events/', http: 404, socket: 404 },
  { method: 'GET', path: '/slack/install', http: 404, socket: 404 },
  { method: 'POST', path: '/healthz', http: 405, socket: 405, allow: 'GET, HEAD' },
  { method: 'OPTIONS', path: '/healthz', http: 405, socket: 405, allow: 'GET, HEAD' },
];

type Running = RunningBotInMode;

async function expectStillAnswering(running: Running): Promise<void> {
  const health = await fetch(`${running.bot.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  if (running.mode === 'http') {
    const res = await postCommand(running.bot.baseUrl, commandFields(running.bot));
    expect(res.status).toBe(200);
    expect(res.text).toContain('0x80CF6008');
  } else {
    const command = { ...commandFields(running.bot) };
    const ack = await running.bot.socket.send('slash_commands', command);
    expect(JSON.stringify(ack.payload)).toContain('0x80CF6008');
  }
}

let sent = 0;
/** A slash command; each one is a new delivery (the same signed body twice is refused as a replay). */
function commandFields(bot: TestBot | SocketTestBot): Record<string, string> {
  const command = fixture('command.intune-err');
  sent += 1;
  return {
    ...command,
    text: '0x80cf6008',
    user_id: EN_USER,
    trigger_id: `${sent}.stray`,
    response_url: bot.slack.responseUrl(`stray-${sent}`),
  };
}

describe.each(['http', 'socket'] as const)('stray requests in %s mode', (mode) => {
  let running: Running;

  beforeAll(async () => {
    running = await startBotIn(mode);
  });
  afterAll(async () => {
    await running?.bot.stop();
  });

  it.each(STRAY)('answers $method $path with a 4xx and keeps serving', async (stray) => {
    const res = await fetch(`${running.bot.baseUrl}${stray.path}`, { method: stray.method });
    const expected = mode === 'http' ? stray.http : stray.socket;
    expect(res.status).toBe(expected);
    if (expected === 405) expect(res.headers.get('allow')).toBe(stray.allow);
    await res.arrayBuffer();
    await expectStillAnswering(running);
  });

  it('keeps serving after a listener throws, and logs no payload text', async () => {
    const { app } = running.bot.bot.slack;
    // Breaks on cue, in front of the real listeners: Slack has its ack by then (Bolt acks an event
    // before any listener runs; the command acks first), the failure is the listener's alone.
    app.use(async ({ body, payload, ack, next }) => {
      const text = String((payload as { text?: unknown }).text ?? '');
      if (!text.includes('boom')) return next();
      if ((body as { command?: string }).command !== undefined) await ack?.();
      throw new Error('listener broke');
    });
    const event = messageEvent({ text: 'secret words boom 0x80cf6008', user: EN_USER });
    const command = { ...commandFields(running.bot), text: 'secret words boom' };
    if (running.mode === 'http') {
      expect((await postEvent(running.bot.baseUrl, event)).status).toBe(200);
      expect((await postCommand(running.bot.baseUrl, command)).status).toBe(200);
    } else {
      await running.bot.socket.send('events_api', event);
      await running.bot.socket.send('slash_commands', command);
    }
    await expectStillAnswering(running);
    const failures = running.bot.logs.filter((l) => l.msg === 'listener failed');
    expect(failures).toHaveLength(2);
    expect(running.bot.rawLogs.join('\n')).not.toContain('secret words');
  });
});
