import type { FakeSlack, RecordedCall } from '../test/support/fake-slack.js';
import { signer } from './apps.js';
import { type LoadRequest, runLoad, runOpenLoad } from './load.js';
import type { ServerProcess } from './processes.js';
import { BOT_USER, eventCallback, messageTs, PASTES } from './slack-payloads.js';
import { percentile } from './stats.js';

export interface AutoReplyRun {
  mode: string;
  events: number;
  /** Events the bot acknowledged with 2xx. */
  acked: number;
  replies: number;
  lost: number;
  duplicates: number;
  /** Replies per second from the first event sent to the last reply received. */
  eventsPerSecond: number;
  /** From sending the event to the fake Slack receiving the chat.postMessage. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p99 of the events sent in each second of the run: shows whether a backlog grew or drained. */
  p99BySecond: number[];
  /** The servers' own CPU time (user + system) per event sent, in microseconds. */
  cpuUsPerEvent: number;
}

export interface AutoReplyResult {
  /** The first seconds at the target rate: JIT, caches and heap still settling. */
  warmup: AutoReplyRun;
  sustained: AutoReplyRun;
  capacity: AutoReplyRun | undefined;
}

export interface AutoReplyOptions {
  slack: FakeSlack;
  bot: ServerProcess;
  /** Replicas sharing the load with `bot` (each event goes to one of them, in turn). */
  replicas?: readonly ServerProcess[];
  /** Skip the closed-loop capacity run. */
  sustainedOnly?: boolean;
  users: readonly string[];
  rate?: number;
  seconds?: number;
  capacityEvents?: number;
  capacityConcurrency?: number;
}

let run = 0;

/**
 * Message events with pasted codes, each in a channel of its own (the bot paces
 * replies per channel at Slack's one message per second; a workspace's traffic is
 * spread over many channels). Every event must get exactly one threaded reply.
 */
async function drive(
  options: AutoReplyOptions,
  mode: string,
  count: number,
  send: (make: (i: number) => LoadRequest) => Promise<{ ok: number }>,
  type: 'message' | 'app_mention' = 'message',
): Promise<AutoReplyRun> {
  const { slack, users } = options;
  const servers = [options.bot, ...(options.replicas ?? [])];
  const cpu = () => servers.reduce((sum, server) => sum + server.cpuMs(), 0);
  run += 1;
  slack.reset();
  const sentAt = new Map<string, number>();
  const replyCount = new Map<string, number>();
  const latencies: number[] = [];
  const bySecond: number[][] = [];
  let lastReply = 0;
  const start = performance.now();
  const stop = onCall(slack, (call, at) => {
    if (call.method !== 'chat.postMessage') return;
    const thread = String(call.args.thread_ts ?? '');
    const sent = sentAt.get(thread);
    if (sent === undefined) return;
    const seen = (replyCount.get(thread) ?? 0) + 1;
    replyCount.set(thread, seen);
    if (seen === 1) {
      latencies.push(at - sent);
      const second = Math.floor((sent - start) / 1000);
      const bucket = bySecond[second] ?? [];
      bucket.push(at - sent);
      bySecond[second] = bucket;
    }
    lastReply = at;
  });
  const make = (i: number) => {
    const ts = messageTs();
    sentAt.set(ts, performance.now());
    const paste = PASTES[i % PASTES.length] as string;
    return eventCallback(signer, {
      type,
      channel: `CAR${run}X${i}`,
      user: users[i % users.length] as string,
      text: type === 'app_mention' ? `<@${BOT_USER}> what is this? ${paste}` : paste,
      ts,
      eventId: `Ev0BENCH${run}X${i}`,
    });
  };
  const cpuBefore = cpu();
  const { ok } = await send(make);
  // Replies still on their way: wait for them, boundedly.
  const deadline = performance.now() + 5_000;
  while (replyCount.size < sentAt.size && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const cpuUsPerEvent = ((cpu() - cpuBefore) * 1000) / count;
  await slack.settle(200);
  stop();
  latencies.sort((a, b) => a - b);
  const duplicates = [...replyCount.values()].reduce((sum, n) => sum + (n - 1), 0);
  const replies = [...replyCount.values()].reduce((sum, n) => sum + n, 0);
  return {
    mode,
    events: count,
    acked: ok,
    replies,
    lost: sentAt.size - replyCount.size,
    duplicates,
    eventsPerSecond: lastReply > start ? replyCount.size / ((lastReply - start) / 1000) : 0,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    p99BySecond: Array.from(bySecond, (values) =>
      values
        ? Math.round(
            percentile(
              values.sort((a, b) => a - b),
              99,
            ),
          )
        : Number.NaN,
    ),
    cpuUsPerEvent,
  };
}

export async function benchAutoReply(options: AutoReplyOptions): Promise<AutoReplyResult> {
  const rate = options.rate ?? 500;
  const count = Math.round(rate * (options.seconds ?? 5));
  const port = options.bot.port;
  const ports = options.replicas?.length ? [port, ...options.replicas.map((r) => r.port)] : undefined;
  // Warm-up at the same rate: JIT, every user's locale cached and the heap grown, as in a
  // workspace where the bot has been running a while. Reported, not hidden.
  const warmup = await drive(options, `warm-up, ${rate} events/s for 2 s`, rate * 2, (make) =>
    runOpenLoad({ port, ...(ports ? { ports } : {}), rate, count: rate * 2, maxInFlight: 256, make }),
  );
  const sustained = await drive(options, `open loop, ${rate} events/s for ${count / rate} s`, count, (make) =>
    runOpenLoad({ port, ...(ports ? { ports } : {}), rate, count, maxInFlight: 256, make }),
  );
  if (options.sustainedOnly) return { warmup, sustained, capacity: undefined };
  const capacityEvents = options.capacityEvents ?? 3_000;
  const concurrency = options.capacityConcurrency ?? 32;
  const capacity = await drive(options, `closed loop, ${concurrency} in flight`, capacityEvents, (make) =>
    runLoad({ port, concurrency, requests: capacityEvents, maxMs: 15_000, make }),
  );
  return { warmup, sustained, capacity };
}

/**
 * Mentions of the bot, each a new thread with codes in it, closed loop: every one must get exactly
 * one reply. Measures the server's CPU per mention.
 */
export async function benchMention(
  options: AutoReplyOptions & { events?: number; concurrency?: number },
): Promise<AutoReplyRun> {
  const events = options.events ?? 1_500;
  const concurrency = options.concurrency ?? 16;
  const port = options.bot.port;
  await drive(
    options,
    'mention warm-up',
    500,
    (make) => runLoad({ port, concurrency, requests: 500, maxMs: 15_000, make }),
    'app_mention',
  );
  return drive(
    options,
    `mentions, closed loop, ${concurrency} in flight`,
    events,
    (make) => runLoad({ port, concurrency, requests: events, maxMs: 15_000, make }),
    'app_mention',
  );
}

/**
 * Calls `listener` the moment the fake Slack records a call, with a
 * high-resolution arrival time (the recorded `at` is whole milliseconds).
 * Returns a function that stops listening.
 */
export function onCall(slack: FakeSlack, listener: (call: RecordedCall, at: number) => void): () => void {
  const calls = slack.calls;
  const original = calls.push;
  calls.push = (...items: RecordedCall[]) => {
    const at = performance.now();
    for (const item of items) listener(item, at);
    return original.apply(calls, items);
  };
  return () => {
    calls.push = original;
  };
}
