import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectRedisStore, type RedisStateStore } from '../../src/state/redis-store.js';
import { threadKey } from '../../src/state/state-store.js';
import { captureLog } from '../support/capture-log.js';
import { type RedisServer, startRedis } from '../support/redis-server.js';

let redis: RedisServer;
let store: RedisStateStore;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  redis = await startRedis();
  const captured = captureLog('info');
  lines = captured.lines;
  store = await connectRedisStore({ url: redis.url, prefix: 'outage:', log: captured.log });
});
afterAll(async () => {
  await store?.close();
  await redis?.close();
});

const warnings = () => lines.filter((line) => line.level === 40);

describe('the Redis store when Redis goes away and comes back', () => {
  it('keeps answering from memory, degraded, with one warning, then shares state again', async () => {
    expect(store.state).toBe('ok');
    expect(await store.claimOnce('event', 'Ev-before', 60_000)).toBe(true);

    await redis.stop();
    await vi.waitFor(() => expect(store.state).toBe('degraded'));
    // Every operation still answers, from this replica's memory.
    expect(await store.claimOnce('event', 'Ev-during', 60_000)).toBe(true);
    expect(await store.claimOnce('event', 'Ev-during', 60_000)).toBe(false);
    expect(await store.claimCodes(threadKey('C1', '1.0'), ['A'], 60_000)).toEqual(['A']);
    expect(await store.claimCodes(threadKey('C1', '1.0'), ['A'], 60_000)).toEqual([]);
    await store.cacheSet('locale', 'U1', 'sv-SE', 60_000);
    expect(await store.cacheGet('locale', 'U1')).toBe('sv-SE');
    expect(await store.reservePace('C1')).toBe(0);
    expect(await store.reservePace('C1')).toBeGreaterThan(0);
    for (let i = 0; i < 50; i += 1) await store.claimOnce('event', `flood-${i}`, 60_000);
    // One warning for the whole outage (at most one a minute), not one per call or reconnect attempt.
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ state: 'degraded' });

    await redis.start();
    await vi.waitFor(() => expect(store.state).toBe('ok'), { timeout: 5000, interval: 50 });
    expect(lines.some((line) => line.level === 30 && line.state === 'ok')).toBe(true);

    // Back on Redis: a claim lands there, where another replica sees it.
    expect(await store.claimOnce('event', 'Ev-after', 60_000)).toBe(true);
    const raw = createClient({ url: redis.url });
    await raw.connect();
    try {
      expect(await raw.exists('outage:event:Ev-after')).toBe(1);
    } finally {
      raw.destroy();
    }
    // What this replica claimed from memory during the outage still counts.
    expect(await store.claimOnce('event', 'Ev-during', 60_000)).toBe(false);
    expect(await store.claimCodes(threadKey('C1', '1.0'), ['A'], 60_000)).toEqual([]);
  });
});
