import { spawnSync } from 'node:child_process';
import type { FakeSlack } from '../test/support/fake-slack.js';
import { startRedis } from '../test/support/redis-server.js';
import { signer, startBotProcess, startMinimalProcess } from './apps.js';
import { type AutoReplyRun, benchAutoReply } from './auto-reply.js';
import { runLoad } from './load.js';
import type { ServerProcess } from './processes.js';
import { formatTable, num } from './report.js';
import { slashCommand } from './slack-payloads.js';
import { benchSlash, type SlashResult } from './slash.js';

export type RedisResult =
  | { skipped: string }
  | {
      slash: SlashResult;
      slashCallsPerRequest: number;
      oneReplica: AutoReplyRun;
      oneReplicaCallsPerEvent: number;
      twoReplicas: AutoReplyRun;
      twoReplicasCallsPerEvent: number;
    };

/** Commands the Redis server has processed so far (its own INFO counter). */
function commandsProcessed(port: number): number {
  const out =
    spawnSync('redis-cli', ['-p', String(port), 'INFO', 'stats'], { encoding: 'utf8' }).stdout ?? '';
  return Number(/total_commands_processed:(\d+)/.exec(out)?.[1] ?? Number.NaN);
}

/**
 * The bot on a real redis-server (loopback, no persistence): the slash command against the
 * minimal app, and auto-reply at 500 events/s on one replica and spread over two. Redis calls per
 * request come from the server's own command counter (the one INFO call each reading adds is
 * taken off).
 */
export async function benchRedis(
  slack: FakeSlack,
  users: readonly string[],
  cpu: number | undefined,
  log: (line?: string) => void,
): Promise<RedisResult> {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  try {
    redis = await startRedis();
  } catch (error) {
    const skipped = `skipped: ${(error as Error).message.split('\n')[0]}`;
    log(skipped);
    return { skipped };
  }
  const running: ServerProcess[] = [];
  try {
    const env = { REDIS_URL: redis.url };
    const bot = await startBotProcess(slack, env, cpu);
    running.push(bot);
    const minimal = await startMinimalProcess(slack, cpu);
    running.push(minimal);
    const slash = await benchSlash({ slack, bot, minimal, users, rounds: 4, requestsPerRound: 1_500 });
    // Redis calls per command, counted on a run of their own.
    const before = commandsProcessed(redis.port);
    const counted = await runLoad({
      port: bot.port,
      concurrency: 10,
      requests: 500,
      maxMs: 10_000,
      make: (i) =>
        slashCommand(
          signer,
          users[i % users.length] as string,
          '0x80cf6008',
          slack.responseUrl(`redis-${i}`),
        ),
    });
    const slashCallsPerRequest = (commandsProcessed(redis.port) - before - 1) / counted.sent;

    const countEvents = async (run: () => Promise<{ warmup: AutoReplyRun; sustained: AutoReplyRun }>) => {
      const start = commandsProcessed(redis.port);
      const result = await run();
      const calls = commandsProcessed(redis.port) - start - 1;
      return { run: result.sustained, perEvent: calls / (result.warmup.events + result.sustained.events) };
    };
    const one = await countEvents(() =>
      benchAutoReply({ slack, bot, users, rate: 500, seconds: 5, sustainedOnly: true }),
    );
    const second = await startBotProcess(slack, env, cpu);
    running.push(second);
    const two = await countEvents(() =>
      benchAutoReply({ slack, bot, replicas: [second], users, rate: 500, seconds: 5, sustainedOnly: true }),
    );

    log(
      formatTable([
        ['run', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'lost', 'dup', 'Redis calls/req'],
        [
          'slash, bot on Redis',
          num(slash.bot.rps),
          num(slash.bot.p50Ms, 2),
          num(slash.bot.p99Ms, 2),
          num(slash.bot.cpuUsPerRequest),
          '',
          '',
          num(slashCallsPerRequest, 1),
        ],
        [
          'slash, minimal app (same rounds)',
          num(slash.minimal.rps),
          num(slash.minimal.p50Ms, 2),
          num(slash.minimal.p99Ms, 2),
          num(slash.minimal.cpuUsPerRequest),
          '',
          '',
          '',
        ],
        ...(
          [
            ['auto-reply, 1 replica, 500/s', one],
            ['auto-reply, 2 replicas, 500/s', two],
          ] as const
        ).map(([name, { run, perEvent }]) => [
          name,
          num(run.eventsPerSecond),
          num(run.p50Ms, 2),
          num(run.p99Ms, 2),
          num(run.cpuUsPerEvent),
          num(run.lost),
          num(run.duplicates),
          num(perEvent, 1),
        ]),
      ]),
    );
    log(`\nslash on Redis: bot/minimal throughput ${num(slash.ratio, 2)}`);
    return {
      slash,
      slashCallsPerRequest,
      oneReplica: one.run,
      oneReplicaCallsPerEvent: one.perEvent,
      twoReplicas: two.run,
      twoReplicasCallsPerEvent: two.perEvent,
    };
  } finally {
    for (const server of running) await server.stop();
    await redis.stop();
  }
}
