import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCommand } from '../scripts/start-command.js';
import { loadCatalog } from '../src/data/load-catalog.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { botBuilt, MAIN_JS, ROOT, startBotProcess, startMinimalProcess } from './apps.js';
import { type AutoReplyResult, type AutoReplyRun, benchAutoReply, benchMention } from './auto-reply.js';
import { benchExtraction, type ExtractionResult } from './extraction.js';
import { canPin, pinSelf, type ServerProcess } from './processes.js';
import { benchRedis, type RedisResult } from './redis.js';
import { formatTable, type Machine, machine, num, type Target, target, verdict } from './report.js';
import { benchSlash, type SlashResult } from './slash.js';
import { benchStartup, type StartupResult } from './startup.js';

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

interface Results {
  machine: Machine & { pinning: string };
  /** How the bot was started: npm start's command. */
  botCommand: string;
  durationMs: number;
  extraction: ExtractionResult;
  slash?: SlashResult;
  autoReply?: AutoReplyResult;
  minimalAutoReply?: AutoReplyRun;
  mention?: { bot: AutoReplyRun; minimal: AutoReplyRun };
  /** CPU µs per request of each kind, bot and minimal app. */
  cost?: { surface: string; botUs: number; minimalUs: number }[];
  memory?: {
    botRssAfterSlashMB: number;
    minimalRssAfterSlashMB: number;
    botRssAfterAllMB: number;
    minimalRssAfterAllMB: number;
  };
  redis?: RedisResult;
  startup?: StartupResult;
  skipped?: string;
  targets: Target[];
}

const started = performance.now();
const log = (line = '') => process.stdout.write(`${line}\n`);
const heading = (title: string) => log(`\n## ${title}\n`);
const host = machine();

// The load generator and the fake Slack on the first core, the server under test on the
// last: A and B then always share the same core, however unequal the cores are.
const cores = host.cores;
const pinned = cores >= 2 && canPin() && pinSelf(0);
const serverCpu = pinned ? cores - 1 : undefined;
const pinning = pinned ? `generator on core 0, servers on core ${serverCpu}` : 'not pinned';
log(
  `intune-err benchmark: ${host.cpu}, ${cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.date}`,
);
log(`pinning: ${pinning}`);
const botCommand = startCommand(ROOT).join(' ');
log(`bot started as npm start does: ${botCommand}`);

// Start-up first, before anything else runs in this process (the load generator, which also serves
// the fake Slack): after the extraction runs and the loads, its own garbage collections delayed the
// auth.test answer the bot waits for at start-up (the minimal app does not wait), by 30-100 ms.
let startup: StartupResult | undefined;
if (botBuilt()) {
  heading('Start-up (fresh processes, alternated)');
  const startupSlack = await new FakeSlack({}).start();
  try {
    startup = await benchStartup(startupSlack, 9, serverCpu);
    log(
      formatTable([
        ['app', 'ready ms (median)', 'samples', 'RSS at ready MB'],
        ...[
          [`bot (${botCommand})`, startup.bot] as const,
          ['minimal Bolt app', startup.minimal] as const,
        ].map(([name, side]) => [name, num(side.readyMs), side.samples.join(' '), num(side.rssAtReadyMB)]),
      ]),
    );
  } finally {
    await startupSlack.stop();
  }
}

const catalog = loadCatalog(DATA_DIR);

heading('Extraction (answer = scan + resolve, scan = scanTokens only, naive = one regex per known code)');
const extraction = benchExtraction(catalog);
log(
  formatTable([
    ['input', 'chars', 'answer MB/s', 'scan MB/s', 'naive MB/s', 'answer ns/char', 'naive ns/char', 'codes'],
    ...extraction.cases.map((c) => [
      c.input,
      num(c.size),
      num(c.answerMBps, 1),
      num(c.scanMBps, 1),
      num(c.naiveMBps, 2),
      num(c.answerNsPerChar, 2),
      num(c.naiveNsPerChar, 1),
      num(c.codesFound),
    ]),
  ]),
);
log('\nGrowth: ns/char at 400k divided by ns/char at 1k (1.0 = perfectly linear)\n');
log(
  formatTable([
    ['input', 'answer', 'scan', 'naive'],
    ...extraction.inputs.map((i) => [
      i.input,
      num(i.answerGrowth, 2),
      num(i.scanGrowth, 2),
      num(i.naiveGrowth, 2),
    ]),
  ]),
);

const results: Results = {
  machine: { ...host, pinning },
  botCommand,
  durationMs: 0,
  extraction,
  ...(startup ? { startup } : {}),
  targets: [],
};

if (!botBuilt()) {
  results.skipped = `${MAIN_JS} not found: run \`npm run build\` (npm run bench does) for the Slack benchmarks`;
  log(`\n${results.skipped}`);
} else {
  const users = Array.from({ length: 20 }, (_, i) => `U0BENCH${String(i).padStart(3, '0')}`);
  const slack = await new FakeSlack({
    locales: Object.fromEntries(users.map((u, i) => [u, i % 2 === 0 ? 'sv-SE' : 'en-US'])),
  }).start();
  const running: ServerProcess[] = [];
  let rssAfterSlash = { bot: Number.NaN, minimal: Number.NaN };
  try {
    const bot = await startBotProcess(slack, {}, serverCpu);
    running.push(bot);
    const minimal = await startMinimalProcess(slack, serverCpu);
    running.push(minimal);

    heading('Slash commands over HTTP: bot vs minimal Bolt app, alternated A B A B');
    const slash = await benchSlash({ slack, bot, minimal, users, rounds: 12, requestsPerRound: 2_000 });
    results.slash = slash;
    log(
      formatTable([
        ['app', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'requests', 'failed', 'req/s per round'],
        ...[slash.bot, slash.minimal].map((s) => [
          s.name,
          num(s.rps),
          num(s.p50Ms, 2),
          num(s.p99Ms, 2),
          num(s.cpuUsPerRequest),
          num(s.requests),
          num(s.failed),
          s.roundsRps.join(' '),
        ]),
      ]),
    );
    log(
      `\nbot/minimal: throughput ${num(slash.ratio, 2)}, CPU per request ${num(slash.bot.cpuUsPerRequest / slash.minimal.cpuUsPerRequest, 2)}× (concurrency ${slash.concurrency}; ${num(slash.botAnswersWithBlocks)} bot answers carried blocks)`,
    );

    rssAfterSlash = { bot: bot.rssMB(), minimal: minimal.rssMB() };

    heading('Auto-reply: message events with pasted codes, reply via chat.postMessage (fake Slack)');
    const autoReply = await benchAutoReply({ slack, bot, users, rate: 500, seconds: 5 });
    const minimalAutoReply = await benchAutoReply({
      slack,
      bot: minimal,
      users,
      rate: 500,
      seconds: 5,
      sustainedOnly: true,
    });
    results.autoReply = autoReply;
    results.minimalAutoReply = minimalAutoReply.sustained;
    log(
      autoReplyTable([
        ...[autoReply.warmup, autoReply.sustained, autoReply.capacity].map((r) => ['bot', r] as const),
        ['minimal', minimalAutoReply.sustained],
      ]),
    );

    heading('Mentions: app_mention events with codes, reply in the thread (fake Slack)');
    const mention = {
      bot: await benchMention({ slack, bot, users }),
      minimal: await benchMention({ slack, bot: minimal, users }),
    };
    results.mention = mention;
    log(
      autoReplyTable([
        ['bot', mention.bot],
        ['minimal', mention.minimal],
      ]),
    );

    results.memory = {
      botRssAfterSlashMB: rssAfterSlash.bot,
      minimalRssAfterSlashMB: rssAfterSlash.minimal,
      botRssAfterAllMB: bot.rssMB(),
      minimalRssAfterAllMB: minimal.rssMB(),
    };
    results.cost = [
      {
        surface: 'slash command',
        botUs: slash.bot.cpuUsPerRequest,
        minimalUs: slash.minimal.cpuUsPerRequest,
      },
      {
        surface: 'auto-reply event (500/s)',
        botUs: autoReply.sustained.cpuUsPerEvent,
        minimalUs: minimalAutoReply.sustained.cpuUsPerEvent,
      },
      { surface: 'mention', botUs: mention.bot.cpuUsPerEvent, minimalUs: mention.minimal.cpuUsPerEvent },
    ];
    heading("Cost per request: the server process's CPU time (user + system)");
    log(
      formatTable([
        ['request', 'bot CPU µs', 'minimal CPU µs', 'bot / minimal'],
        ...results.cost.map((c) => [
          c.surface,
          num(c.botUs),
          num(c.minimalUs),
          num(c.botUs / c.minimalUs, 2),
        ]),
      ]),
    );
    log(
      `\nRSS after the slash load: bot ${num(rssAfterSlash.bot)} MB, minimal ${num(rssAfterSlash.minimal)} MB; after auto-reply and mentions too: bot ${num(results.memory.botRssAfterAllMB)} MB, minimal ${num(results.memory.minimalRssAfterAllMB)} MB`,
    );
  } finally {
    for (const server of running) await server.stop();
  }

  heading('On the Redis store (REDIS_URL): slash commands and auto-reply, one and two replicas');
  try {
    results.redis = await benchRedis(slack, users, serverCpu, log);
  } finally {
    await slack.stop();
  }
}

results.targets = targets(results);
heading('Targets');
log(
  formatTable([
    ['target', 'goal', 'measured', 'verdict'],
    ...results.targets.map((t) => [t.name, t.goal, t.measured, verdict(t.met)]),
  ]),
);

results.durationMs = Math.round(performance.now() - started);
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${RESULTS} (${(results.durationMs / 1000).toFixed(1)} s)`);

function targets(r: Results): Target[] {
  const out: Target[] = [];
  const { slash, autoReply, startup, memory, redis, extraction: x } = r;
  out.push(
    target(
      'slash throughput',
      ">= 0.9 × minimal Bolt app (median of the rounds' ratios)",
      slash ? `${num(slash.ratio, 2)} × (${num(slash.bot.rps)} vs ${num(slash.minimal.rps)} req/s)` : 'n/a',
      slash ? slash.ratio >= 0.9 : undefined,
    ),
    target(
      'slash ack p99',
      '< 50 ms',
      slash ? `${num(slash.bot.p99Ms, 1)} ms at concurrency ${slash.concurrency}` : 'n/a',
      slash ? slash.bot.p99Ms < 50 && slash.bot.failed === 0 : undefined,
    ),
  );
  const s = autoReply?.sustained;
  out.push(
    target(
      'auto-reply sustained',
      '500 events/s, no lost or duplicate reply',
      s
        ? `${num(s.eventsPerSecond)} events/s, ${s.lost} lost, ${s.duplicates} duplicate, p99 ${num(s.p99Ms, 1)} ms`
        : 'n/a',
      s ? s.eventsPerSecond >= 475 && s.lost === 0 && s.duplicates === 0 && s.acked === s.events : undefined,
    ),
  );
  const worst = x.inputs.reduce((a, b) => (b.answerGrowth > a.answerGrowth ? b : a));
  out.push(
    target(
      'extraction speed',
      '>= 50 MB/s on the 40,000-char paste',
      `${num(x.headline.mbps, 1)} MB/s (naive ${num(x.headline.naiveMBps, 1)} MB/s)`,
      x.headline.mbps >= 50,
    ),
    target(
      'extraction linear',
      'ns/char at 400k <= 2 × at 1k, every input',
      `worst ${num(worst.answerGrowth, 2)} × (${worst.input})`,
      worst.answerGrowth <= 2,
    ),
    target(
      'ready',
      '<= minimal Bolt app + 100 ms (spawn to /healthz 200)',
      startup
        ? `${num(startup.bot.readyMs)} ms (minimal Bolt app ${num(startup.minimal.readyMs)} ms, +${num(startup.bot.readyMs - startup.minimal.readyMs)})`
        : 'n/a',
      startup ? startup.bot.readyMs <= startup.minimal.readyMs + 100 : undefined,
    ),
    target(
      'RSS at ready',
      '<= minimal Bolt app + 10 MB',
      startup
        ? `${num(startup.bot.rssAtReadyMB)} MB (minimal ${num(startup.minimal.rssAtReadyMB)} MB)`
        : 'n/a',
      startup ? startup.bot.rssAtReadyMB <= startup.minimal.rssAtReadyMB + 10 : undefined,
    ),
    target(
      'RSS after slash load',
      '<= 1.2 × minimal Bolt app after the same load',
      memory
        ? `${num(memory.botRssAfterSlashMB)} MB (minimal ${num(memory.minimalRssAfterSlashMB)} MB, ${num(memory.botRssAfterSlashMB / memory.minimalRssAfterSlashMB, 2)} ×)`
        : 'n/a',
      memory ? memory.botRssAfterSlashMB <= 1.2 * memory.minimalRssAfterSlashMB : undefined,
    ),
  );
  if (redis && 'slash' in redis) {
    out.push(
      target(
        'slash ack p99, Redis',
        '< 50 ms',
        `${num(redis.slash.bot.p99Ms, 1)} ms, ${num(redis.slashCallsPerRequest, 1)} Redis calls per command`,
        redis.slash.bot.p99Ms < 50 && redis.slash.bot.failed === 0,
      ),
    );
    const two = redis.twoReplicas;
    out.push(
      target(
        'auto-reply, 2 replicas on Redis',
        '500 events/s, 0 lost, 0 duplicate',
        `${num(two.eventsPerSecond)} events/s, ${two.lost} lost, ${two.duplicates} duplicate, p99 ${num(two.p99Ms, 1)} ms`,
        two.eventsPerSecond >= 475 && two.lost === 0 && two.duplicates === 0 && two.acked === two.events,
      ),
    );
  }
  return out;
}

function autoReplyTable(rows: readonly (readonly ['bot' | 'minimal', AutoReplyRun | undefined])[]): string {
  return formatTable([
    [
      'app',
      'run',
      'events',
      'acked',
      'replies',
      'lost',
      'dup',
      'events/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'CPU µs/event',
      'p99 by second',
    ],
    ...rows.flatMap(([app, r]) =>
      r
        ? [
            [
              app,
              r.mode,
              num(r.events),
              num(r.acked),
              num(r.replies),
              num(r.lost),
              num(r.duplicates),
              num(r.eventsPerSecond),
              num(r.p50Ms, 2),
              num(r.p99Ms, 2),
              num(r.maxMs, 1),
              num(r.cpuUsPerEvent),
              r.p99BySecond.join(' '),
            ],
          ]
        : [],
    ),
  ]);
}
