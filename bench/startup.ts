import type { FakeSlack } from '../test/support/fake-slack.js';
import { startBotProcess, startMinimalProcess } from './apps.js';
import { median } from './stats.js';

export interface StartupSide {
  /** Median ms from spawn to the first 200 on /healthz. */
  readyMs: number;
  samples: number[];
  /** Median resident memory right after ready. */
  rssAtReadyMB: number;
}

export interface StartupResult {
  bot: StartupSide;
  /** The smallest Bolt app started the same way: what Node and Bolt alone cost. */
  minimal: StartupSide;
}

/** Fresh processes, bot and minimal alternated, `runs` of each. */
export async function benchStartup(slack: FakeSlack, runs = 5, cpu?: number): Promise<StartupResult> {
  const samples = { bot: [] as number[], minimal: [] as number[] };
  const rss = { bot: [] as number[], minimal: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const name of ['bot', 'minimal'] as const) {
      const server =
        name === 'bot' ? await startBotProcess(slack, {}, cpu) : await startMinimalProcess(slack, cpu);
      samples[name].push(server.readyMs);
      rss[name].push(server.rssMB());
      await server.stop();
    }
  }
  const side = (name: 'bot' | 'minimal'): StartupSide => ({
    readyMs: median(samples[name]),
    samples: samples[name].map(Math.round),
    rssAtReadyMB: median(rss[name]),
  });
  return { bot: side('bot'), minimal: side('minimal') };
}
