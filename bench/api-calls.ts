import type { FakeSlack, RecordedCall } from '../test/support/fake-slack.js';
import { signer } from './apps.js';
import { send } from './load.js';
import type { ServerProcess } from './processes.js';
import { eventCallback, messageTs, slashCommand } from './slack-payloads.js';

export interface ApiCallCount {
  surface:
    | 'slash command'
    | 'mention'
    | 'mention (codes earlier in the thread)'
    | 'auto-reply'
    | 'slash command, users.info without a locale';
  cache: 'cold' | 'warm';
  calls: number;
  methods: string[];
}

// auth.test runs once per process at start-up, not per lookup.
const perLookup = (calls: readonly RecordedCall[]) => calls.filter((c) => c.method !== 'auth.test');

/**
 * Web API calls the bot makes for one lookup on each surface: first for a user
 * whose locale it has never looked up (cold), then for the same user again (warm).
 * Counted from the fake Slack's record once the answer has been delivered.
 */
export async function countApiCalls(slack: FakeSlack, bot: ServerProcess): Promise<ApiCallCount[]> {
  const out: ApiCallCount[] = [];
  const measure = async (
    surface: ApiCallCount['surface'],
    cache: ApiCallCount['cache'],
    act: () => Promise<void>,
  ) => {
    slack.reset();
    await act();
    await slack.settle(250);
    const calls = perLookup(slack.calls);
    out.push({ surface, cache, calls: calls.length, methods: calls.map((c) => c.method) });
  };
  const post = async (request: ReturnType<typeof slashCommand>) => {
    const { status } = await send(undefined, bot.port, request, 5_000);
    if (status !== 200) throw new Error(`the bot answered ${status}`);
  };

  const run = Date.now().toString(36);
  let n = 0;
  const event = (type: 'message' | 'app_mention', user: string, text: string, threadTs?: string) => {
    const ts = messageTs();
    n += 1;
    return eventCallback(signer, {
      type,
      channel: `CAPI${run}${n}`,
      user,
      text,
      ts,
      eventId: `Ev0API${run}${n}`,
      ...(threadTs ? { threadTs } : {}),
    });
  };
  const delivered = (method: string) => slack.waitFor(method, 1, 5_000).then(() => undefined);
  // Real Slack users have a locale; each surface gets a user the bot has not looked up yet.
  const user = (tag: string) => {
    const id = `U0API${tag}${run}`.toUpperCase();
    slack.options.locales[id] = 'en-US';
    return id;
  };
  const users = { slash: user('S'), mention: user('M'), thread: user('T'), auto: user('A') };

  for (const cache of ['cold', 'warm'] as const) {
    await measure('slash command', cache, () =>
      post(slashCommand(signer, users.slash, '0x80cf6008', slack.responseUrl('api'))),
    );
  }
  for (const cache of ['cold', 'warm'] as const) {
    await measure('mention', cache, async () => {
      await post(event('app_mention', users.mention, `<@${slack.options.botUserId}> what is 0x80cf6008?`));
      await delivered('chat.postMessage');
    });
  }
  for (const cache of ['cold', 'warm'] as const) {
    await measure('mention (codes earlier in the thread)', cache, async () => {
      const thread = messageTs();
      slack.options.threads[thread] = [
        { type: 'message', user: 'U0SOMEONE', text: 'sync fails with 0x80cf4017', ts: thread },
      ];
      await post(event('app_mention', users.thread, `<@${slack.options.botUserId}> ?`, thread));
      await delivered('chat.postMessage');
    });
  }
  for (const cache of ['cold', 'warm'] as const) {
    await measure('auto-reply', cache, async () => {
      await post(event('message', users.auto, 'sync fails with 0x80cf6008 since Monday'));
      await delivered('chat.postMessage');
    });
  }
  // Slack leaves the locale out for some accounts; nothing is cached for them, so every lookup asks again.
  const bare = `U0APIN${run}`.toUpperCase();
  for (const cache of ['cold', 'warm'] as const) {
    await measure('slash command, users.info without a locale', cache, () =>
      post(slashCommand(signer, bare, '0x80cf6008', slack.responseUrl('api'))),
    );
  }
  return out;
}
