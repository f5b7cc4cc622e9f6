import type { FakeSlack } from '../test/support/fake-slack.js';
import { signer } from './apps.js';
import { runLoad } from './load.js';
import type { ServerProcess } from './processes.js';
import { slashCommand } from './slack-payloads.js';
import { median, percentile } from './stats.js';

export interface SlashSide {
  name: 'bot' | 'minimal';
  /** Median over the rounds. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failed: number;
  roundsRps: number[];
  /** The server's own CPU time per request (user + system), in microseconds: immune to the load generator's share of the cores. */
  cpuUsPerRequest: number;
}

export interface SlashResult {
  concurrency: number;
  rounds: number;
  bot: SlashSide;
  minimal: SlashSide;
  /**
   * bot rps ÷ minimal rps, the median over the rounds of each round's ratio: a round's two halves
   * run back to back, so a slower or faster spell of the shared machine lands on both.
   */
  ratio: number;
  /** Bot answers that carried blocks (a real answer, not an error). */
  botAnswersWithBlocks: number;
}

export interface SlashOptions {
  slack: FakeSlack;
  bot: ServerProcess;
  minimal: ServerProcess;
  users: readonly string[];
  concurrency?: number;
  rounds?: number;
  requestsPerRound?: number;
  maxMsPerRound?: number;
}

// What admins type: codes in several spellings, a search, two codes at once.
const QUERIES = ['0x80cf6008', '-2133893112', 'OM_E_DM_FAILTOCONNECTTOBITS', '0x80cf4017 0x80cf0019', 'BITS'];

/**
 * The same signed slash-command load against the bot and the minimal Bolt app,
 * alternated round by round (A B A B …) so that drift in the machine's speed
 * lands on both. Both were warmed up first; users' locales are already cached.
 */
export async function benchSlash(options: SlashOptions): Promise<SlashResult> {
  const concurrency = options.concurrency ?? 10;
  const rounds = options.rounds ?? 5;
  const requests = options.requestsPerRound ?? 3_000;
  const maxMs = options.maxMsPerRound ?? 4_000;
  const { slack, users } = options;
  let withBlocks = 0;
  const load = (target: ServerProcess, count: number, check: boolean) =>
    runLoad({
      port: target.port,
      concurrency,
      requests: count,
      maxMs,
      make: (i) =>
        slashCommand(
          signer,
          users[i % users.length] as string,
          QUERIES[i % QUERIES.length] as string,
          slack.responseUrl(`bench-${i}`),
        ),
      onResponse: check
        ? (_i, status, body) => {
            if (status === 200 && body.includes('"blocks"')) withBlocks++;
          }
        : undefined,
    });

  // Warm-up: JIT, keep-alive sockets, every user's locale in the bot's cache, and heaps grown to
  // their working size (with 1,000 requests the first rounds still ran at half speed on both).
  for (const target of [options.bot, options.minimal]) await load(target, 3_000, false);

  const sides = {
    bot: { rps: [] as number[], latencies: [] as number[], requests: 0, failed: 0, cpuMs: 0 },
    minimal: { rps: [] as number[], latencies: [] as number[], requests: 0, failed: 0, cpuMs: 0 },
  };
  for (let round = 0; round < rounds; round++) {
    for (const name of ['bot', 'minimal'] as const) {
      const cpuBefore = options[name].cpuMs();
      const result = await load(options[name], requests, name === 'bot');
      const side = sides[name];
      side.cpuMs += options[name].cpuMs() - cpuBefore;
      side.rps.push(result.rps);
      side.latencies.push(...result.latencies);
      side.requests += result.sent;
      side.failed += result.failed;
    }
  }
  const summarize = (name: 'bot' | 'minimal'): SlashSide => {
    const side = sides[name];
    const sorted = side.latencies.sort((a, b) => a - b);
    return {
      name,
      rps: median(side.rps),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      requests: side.requests,
      failed: side.failed,
      roundsRps: side.rps.map(Math.round),
      cpuUsPerRequest: (side.cpuMs * 1000) / side.requests,
    };
  };
  const bot = summarize('bot');
  const minimal = summarize('minimal');
  return {
    concurrency,
    rounds,
    bot,
    minimal,
    ratio: median(sides.bot.rps.map((rps, round) => rps / (sides.minimal.rps[round] ?? Number.NaN))),
    botAnswersWithBlocks: withBlocks,
  };
}
