import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { CONSOLE_API_URL, type ConsoleOutput, InProcessSlack } from '../../src/console/in-process-slack.js';
import { webApiOptions } from '../../src/slack/web-api.js';

/** A Web API client as the bot builds one, talking to the in-memory Slack. */
function client(slack: InProcessSlack) {
  return new WebClient(
    'xoxb-in-process',
    webApiOptions(CONSOLE_API_URL, {
      fetch: slack.fetch,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    }),
  );
}

describe('InProcessSlack (the console’s Slack, and the tests’ fake behind HTTP)', () => {
  it('records each call as Slack would receive it and answers it', async () => {
    const slack = new InProcessSlack({ locales: { U1: 'sv-SE' } });
    const web = client(slack);
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    const user = await web.users.info({ user: 'U1' });
    const stranger = await web.users.info({ user: 'U2' });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    expect(user.user?.locale).toBe('sv-SE');
    expect(stranger.user?.locale).toBeUndefined();
    expect(slack.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'users.info', 'users.info']);
    expect(slack.calls[0]).toMatchObject({
      args: { channel: 'C1', blocks: [{ type: 'divider' }] },
      ok: true,
    });
    expect(slack.calls[0]?.headers.authorization).toBe('Bearer xoxb-in-process');
    expect(slack.delivered()).toHaveLength(1);
  });

  it('serves scripted faults in process: a 429 with Retry-After, a Slack error, a dropped connection', async () => {
    const slack = new InProcessSlack();
    const web = client(slack);
    slack.script(
      'chat.postMessage',
      { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } },
      { body: { ok: false, error: 'not_in_channel' } },
      { destroy: true },
    );
    const failures = [];
    for (let i = 0; i < 3; i++) {
      failures.push(
        await web.chat.postMessage({ channel: 'C1', text: 'x' }).catch((error: unknown) => error),
      );
    }
    expect(failures.map((e) => (e as { code?: unknown }).code)).toEqual([
      ErrorCode.RateLimitedError,
      ErrorCode.PlatformError,
      ErrorCode.RequestError,
    ]);
    expect(slack.pendingScripts()).toBe(0);
    expect((await web.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
    expect(slack.calls.map((c) => c.ok)).toEqual([false, false, undefined, true]);
  });

  it('with history, threads hold what was said and a delete needs the message', async () => {
    const outputs: ConsoleOutput['type'][] = [];
    const slack = new InProcessSlack({ history: true, onOutput: (o) => outputs.push(o.type) });
    const web = client(slack);
    const root = slack.nextTs();
    slack.addUserMessage({ channel: 'C1', ts: root, threadTs: undefined, user: 'U1', text: '0x80cf6008?' });
    const reply = await web.chat.postMessage({ channel: 'C1', thread_ts: root, text: 'answer' });
    const thread = await web.conversations.replies({ channel: 'C1', ts: root });
    expect(thread.messages?.map((m) => m.text)).toEqual(['0x80cf6008?', 'answer']);
    await web.chat.delete({ channel: 'C1', ts: String(reply.ts) });
    const again = await web.chat.delete({ channel: 'C1', ts: String(reply.ts) }).catch((e: unknown) => e);
    expect((again as { data?: { error?: string } }).data?.error).toBe('message_not_found');
    expect(outputs).toEqual(['message', 'deleted']);
  });

  it('takes posts to response_urls, and nothing outside the console leaves the process', async () => {
    const slack = new InProcessSlack();
    const ok = await slack.fetch(slack.responseUrl('7'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'shared', response_type: 'in_channel' }),
    });
    expect(await ok.json()).toEqual({ ok: true });
    expect(slack.callsOf('response/7')[0]?.args).toMatchObject({ text: 'shared' });
    const outside = await slack.fetch('https://slack.com/api/auth.test', { method: 'POST' });
    expect(await outside.json()).toEqual({ ok: false, error: 'console_has_no_network' });
  });
});
