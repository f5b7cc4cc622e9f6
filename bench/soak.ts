/**
 * npm run soak: the built bot (`node dist/main.js`, HTTP mode) under mixed traffic for
 * SOAK_SECONDS (default 600) against a fake Slack that keeps injecting faults. Loopback only.
 *
 * Traffic, open loop at SOAK_RATE requests/s (default 40): pasted codes (auto-reply), mentions,
 * slash commands, Slack's retries of earlier events (same body and event_id, new signature),
 * and chatter without codes. Faults, one every SOAK_FAULT_MS (default 1000): 429 with
 * Retry-After, 500/503, dropped connections on chat.postMessage, and failing users.info.
 * Locales are cached for hours, so the 200 regular users are looked up once each: a users.info
 * fault is therefore scripted for a user never seen before, whose first request is the next one
 * sent, so the bot really meets it on a cold lookup. The report counts the faults the fake Slack
 * actually served (calls answered with a scripted fault), not the ones scheduled.
 *
 * Checks: every event that should get a reply gets exactly one delivered reply (matched by
 * channel and thread_ts), chatter and retries get none, every slash command is answered in its
 * ack; RSS sampled each second (last third's median vs the first third's); p50/p99 latency.
 * Writes bench/soak-results.json (a summary: RSS as one median per minute, not every sample) and
 * prints a table.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FakeSlack, type RecordedCall, type Scripted } from '../test/support/fake-slack.js';
import { botBuilt, MAIN_JS, signer, startBotProcess } from './apps.js';
import { type LoadRequest, runOpenLoad } from './load.js';
import { formatTable, num } from './report.js';
import { eventCallback, messageTs, PASTES, slashCommand } from './slack-payloads.js';
import { median, percentile, round } from './stats.js';

const RESULTS = fileURLToPath(new URL('./soak-results.json', import.meta.url));
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const RATE = Number(process.env.SOAK_RATE ?? 40);
const FAULT_MS = Number(process.env.SOAK_FAULT_MS ?? 1000);
// Channels the events are spread over: the bot paces each channel to one message a second.
const CHANNELS = 500;
const USERS = 200;
const FAKE_BOT_USER = 'UBOT00001';
const QUERIES = ['0x80cf6008', '-2133893112', 'OM_E_DS_INUSE', '0x80cf4017 0x80cf0019', 'BITS'];

if (!Number.isFinite(SECONDS) || SECONDS <= 0 || SECONDS > 6 * 3600)
  throw new Error('SOAK_SECONDS: 1 to 21600');
if (!botBuilt()) throw new Error(`${MAIN_JS} not found: npm run soak builds it first`);

const out = (line = '') => process.stdout.write(`${line}\n`);

type Kind = 'paste' | 'mention' | 'slash' | 'retry' | 'chatter';
// Out of 20 requests: 8 pastes, 4 mentions, 5 slash commands, 2 retries, 1 chatter.
const MIX: Kind[] = [
  ...Array<Kind>(8).fill('paste'),
  ...Array<Kind>(4).fill('mention'),
  ...Array<Kind>(5).fill('slash'),
  ...Array<Kind>(2).fill('retry'),
  'chatter',
];
const kindOf = (i: number): Kind => MIX[(i * 7) % MIX.length] as Kind;

interface Expected {
  kind: 'paste' | 'mention' | 'chatter';
  sentAt: number;
  body: string;
  /** Delivered replies (ok: true) seen for this thread. */
  replies: number;
  firstReplyMs?: number;
}

const users = Array.from({ length: USERS }, (_, i) => `U0SOAK${String(i).padStart(4, '0')}`);
const slack = await new FakeSlack({
  locales: Object.fromEntries(users.map((u, i) => [u, i % 2 === 0 ? 'sv-SE' : 'en-US'])),
}).start();
slack.keepCalls = false;

const threads = new Map<string, Expected>();
const key = (channel: unknown, ts: unknown) => `${String(channel)}/${String(ts)}`;
let strayReplies = 0;
const callCounts: Record<string, number> = {};
// Faults the fake Slack really served: calls that got a scripted answer instead of normal service.
const served: Record<string, number> = {};
const faultLabel = (method: string, answer: Scripted) =>
  `${method} ${answer.destroy ? 'dropped' : String(answer.status ?? 200)}`;
slack.onAnswered = (call: RecordedCall) => {
  if (call.scripted) {
    const label = faultLabel(call.method, call.scripted);
    served[label] = (served[label] ?? 0) + 1;
  }
  if (call.status === undefined) return;
  const label = `${call.method} ${call.status}${call.ok ? '' : ' !ok'}`;
  callCounts[label] = (callCounts[label] ?? 0) + 1;
  if (call.method !== 'chat.postMessage' || call.ok !== true) return;
  const expected = threads.get(key(call.args.channel, call.args.thread_ts));
  if (!expected) {
    strayReplies += 1;
    return;
  }
  expected.replies += 1;
  if (expected.replies === 1) expected.firstReplyMs = performance.now() - expected.sentAt;
};

// Faults, injected into the fake Slack on a clock, whatever the bot is doing.
const FAULTS: [string, Scripted][] = [
  [
    'chat.postMessage',
    { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
  ],
  ['chat.postMessage', { status: 503, body: { ok: false, error: 'service_unavailable' } }],
  ['chat.postMessage', { destroy: true }],
  ['chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } }],
  ['users.info', { status: 500, body: { ok: false } }],
  ['chat.postMessage', { destroy: true, delayMs: 50 }],
];
const scheduled: Record<string, number> = {};
// Users never seen before, each with a users.info fault waiting for its first (cold) lookup; the next
// paste, mention or slash command is sent as one of them.
const coldUsers: string[] = [];
let faultIndex = 0;
const faults = setInterval(() => {
  const [method, answer] = FAULTS[faultIndex++ % FAULTS.length] as [string, Scripted];
  if (method === 'users.info') {
    const cold = `U0SOAKC${String(faultIndex).padStart(5, '0')}`;
    slack.scriptWhen(method, (call) => call.args.user === cold, answer);
    coldUsers.push(cold);
  } else {
    slack.script(method, answer);
  }
  const label = faultLabel(method, answer);
  scheduled[label] = (scheduled[label] ?? 0) + 1;
}, FAULT_MS);

out(
  `intune-err soak: ${SECONDS} s at ${RATE} requests/s, a fault every ${FAULT_MS} ms, Node ${process.version}`,
);
const bot = await startBotProcess(slack, { LOG_LEVEL: 'warn' });
out(`bot ready in ${num(bot.readyMs)} ms, RSS ${num(bot.rssMB(), 1)} MB`);

const rss: { s: number; mb: number }[] = [];
const started = performance.now();
const sampler = setInterval(() => {
  rss.push({ s: round((performance.now() - started) / 1000), mb: round(bot.rssMB(), 1) });
}, 1000);

// Events old enough to be retried: Slack's retries come seconds later, so they carry a new signature.
const retryable: { body: string; at: number }[] = [];
const slashLatencies: number[] = [];
let slashAnswered = 0;
let slashWrong = 0;
let retriesSent = 0;
const kinds: Record<Kind, number> = { paste: 0, mention: 0, slash: 0, retry: 0, chatter: 0 };

/** The user a request that looks up a locale is sent as: a waiting cold user first, if any. */
const userFor = (i: number): string => coldUsers.shift() ?? (users[i % USERS] as string);

function event(kind: 'paste' | 'mention' | 'chatter', i: number): LoadRequest {
  const ts = messageTs();
  const channel = `C0SOAK${i % CHANNELS}`;
  // Chatter has no code, so the bot looks up no locale for it.
  const user = kind === 'chatter' ? (users[i % USERS] as string) : userFor(i);
  const text =
    kind === 'paste'
      ? (PASTES[i % PASTES.length] as string)
      : kind === 'mention'
        ? `<@${FAKE_BOT_USER}> what does ${QUERIES[i % 3]} mean?`
        : `lunch at ${i % 12}? nothing to explain here`;
  const request = eventCallback(signer, {
    type: kind === 'mention' ? 'app_mention' : 'message',
    channel,
    user,
    text,
    ts,
    eventId: `Ev0SOAK${i}`,
  });
  const now = performance.now();
  threads.set(key(channel, ts), { kind, sentAt: now, body: request.body, replies: 0 });
  if (kind !== 'chatter') retryable.push({ body: request.body, at: now });
  if (retryable.length > 2_000) retryable.splice(0, 1_000);
  return request;
}

function make(i: number): LoadRequest {
  let kind = kindOf(i);
  if (kind === 'retry') {
    const now = performance.now();
    const old = retryable.find((r) => now - r.at > 1_500);
    if (old) {
      kinds.retry += 1;
      retriesSent += 1;
      retryable.splice(retryable.indexOf(old), 1);
      return {
        path: '/slack/events',
        headers: {
          'content-type': 'application/json',
          ...signer(old.body),
          'x-slack-retry-num': '1',
          'x-slack-retry-reason': 'http_timeout',
        },
        body: old.body,
      };
    }
    kind = 'paste';
  }
  kinds[kind] += 1;
  if (kind === 'slash') {
    return slashCommand(
      signer,
      userFor(i),
      QUERIES[i % QUERIES.length] as string,
      slack.responseUrl(`soak${i}`),
    );
  }
  return event(kind, i);
}

const load = await runOpenLoad({
  port: bot.port,
  rate: RATE,
  count: Math.round(RATE * SECONDS),
  maxInFlight: 64,
  make,
  timeoutMs: 5_000,
  onResponse(i, status, body, sentAt) {
    if (kindOf(i) !== 'slash') return;
    slashAnswered += 1;
    slashLatencies.push(performance.now() - sentAt);
    if (status !== 200 || !body.includes('"response_type":"ephemeral"')) slashWrong += 1;
  },
});
clearInterval(faults);

// Replies still on their way (paced channels, retries after faults): wait, boundedly.
const expecting = () => [...threads.values()].filter((t) => t.kind !== 'chatter' && t.replies === 0).length;
const drainDeadline = performance.now() + 20_000;
while (expecting() > 0 && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 100));
// Late duplicates would show up now.
await new Promise((r) => setTimeout(r, 3_000));
clearInterval(sampler);
// Scheduled faults no call ever met (e.g. one scheduled in the last second, with no post after it).
const faultsUnserved = slack.pendingScripts();
const rssEnd = bot.rssMB();
await bot.stop();
await slack.stop();

const all = [...threads.values()];
const replied = all.filter((t) => t.kind !== 'chatter');
const lost = replied.filter((t) => t.replies === 0).length;
const duplicates = replied.reduce((sum, t) => sum + Math.max(0, t.replies - 1), 0);
const chatterReplies = all.filter((t) => t.kind === 'chatter').reduce((sum, t) => sum + t.replies, 0);
const eventLatencies = replied
  .map((t) => t.firstReplyMs)
  .filter((ms): ms is number => ms !== undefined)
  .sort((a, b) => a - b);
slashLatencies.sort((a, b) => a - b);
const third = Math.max(1, Math.floor(rss.length / 3));
const rssFirst = median(rss.slice(0, third).map((r) => r.mb));
const rssLast = median(rss.slice(-third).map((r) => r.mb));

const results = {
  date: new Date().toISOString(),
  node: process.version,
  seconds: SECONDS,
  rate: RATE,
  faultEveryMs: FAULT_MS,
  requests: {
    sent: load.sent,
    ok: load.ok,
    failed: load.failed,
    skipped: load.skipped,
    statuses: load.statuses,
    ...kinds,
  },
  replies: {
    expected: replied.length,
    lost,
    duplicates,
    chatterReplies,
    strayReplies,
    retriesSent,
  },
  slash: { answered: slashAnswered, wrong: slashWrong },
  latencyMs: {
    eventToReplyP50: round(percentile(eventLatencies, 50)),
    eventToReplyP99: round(percentile(eventLatencies, 99)),
    slashAckP50: round(percentile(slashLatencies, 50)),
    slashAckP99: round(percentile(slashLatencies, 99)),
    httpP50: round(load.p50Ms),
    httpP99: round(load.p99Ms),
  },
  rssMB: {
    ready: round(rss[0]?.mb ?? Number.NaN),
    firstThirdMedian: rssFirst,
    lastThirdMedian: rssLast,
    end: round(rssEnd, 1),
    growth: round(rssLast / rssFirst, 3),
    // The shape over the run, not every one-second sample: the median of each minute.
    perMinuteMedian: perMinute(rss),
  },
  // Faults the fake Slack really answered with (or dropped the connection for), by method and status.
  faultsServed: served,
  faultsScheduled: scheduled,
  faultsUnserved,
  slackCalls: callCounts,
  verdict: {
    zeroLost: lost === 0,
    zeroDuplicates: duplicates === 0 && chatterReplies === 0 && strayReplies === 0,
    allSlashAnswered: slashWrong === 0 && slashAnswered === kinds.slash,
    // Flat: the last third's median within 10 % of the first third's.
    flatMemory: rssLast <= rssFirst * 1.1,
  },
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

function perMinute(samples: readonly { s: number; mb: number }[]): number[] {
  const minutes: number[][] = [];
  for (const { s, mb } of samples) {
    const minute = Math.floor(s / 60);
    minutes[minute] = [...(minutes[minute] ?? []), mb];
  }
  return minutes.map((mbs) => round(median(mbs), 1));
}

out();
out(
  formatTable([
    ['what', 'value'],
    ['requests sent', num(load.sent)],
    ['  pastes / mentions / slash / retries / chatter', Object.values(kinds).join(' / ')],
    ['  HTTP non-2xx or errors', num(load.failed)],
    ['  not sent (64 in flight)', num(load.skipped)],
    ['replies expected', num(replied.length)],
    ['lost', num(lost)],
    ['duplicates (incl. to retries, chatter)', num(duplicates + chatterReplies + strayReplies)],
    ['slash commands answered in the ack', `${num(slashAnswered - slashWrong)}/${num(kinds.slash)}`],
    [
      'event -> reply p50 / p99 ms',
      `${num(percentile(eventLatencies, 50), 1)} / ${num(percentile(eventLatencies, 99), 1)}`,
    ],
    [
      'slash ack p50 / p99 ms',
      `${num(percentile(slashLatencies, 50), 1)} / ${num(percentile(slashLatencies, 99), 1)}`,
    ],
    [
      'RSS ready / first third / last third / end MB',
      `${num(rss[0]?.mb ?? Number.NaN, 1)} / ${num(rssFirst, 1)} / ${num(rssLast, 1)} / ${num(rssEnd, 1)}`,
    ],
    [
      'faults served by the fake Slack',
      Object.entries(served)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', '),
    ],
    [
      '  scheduled / never served',
      `${num(Object.values(scheduled).reduce((a, b) => a + b, 0))} / ${num(faultsUnserved)}`,
    ],
  ]),
);
out();
out(
  `verdict: ${Object.entries(results.verdict)
    .map(([k, v]) => `${k} ${v ? 'yes' : 'NO'}`)
    .join(', ')}`,
);
out(`wrote ${RESULTS}`);
process.exitCode = Object.values(results.verdict).every(Boolean) ? 0 : 1;
