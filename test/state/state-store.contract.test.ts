import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory-store.js';
import { connectRedisStore } from '../../src/state/redis-store.js';
import { PACE_INTERVAL_MS, type StateStore, threadKey } from '../../src/state/state-store.js';
import { captureLog } from '../support/capture-log.js';
import { type RedisServer, startRedis } from '../support/redis-server.js';

/**
 * One contract, two stores. `open` gives a fresh store and `peer`, the store another replica
 * would use beside it: for Redis a second connection to the same server and prefix, for memory
 * the same process's store (replicas on memory share nothing, by design).
 */
interface Subject {
  name: string;
  open(): Promise<{ store: StateStore; peer: StateStore }>;
}

let redis: RedisServer | undefined;
const opened: StateStore[] = [];
const track = (store: StateStore) => {
  opened.push(store);
  return store;
};

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await redis?.close();
});

const connect = async (prefix: string) =>
  track(await connectRedisStore({ url: redis?.url ?? '', prefix, log: captureLog('warn').log }));

const subjects: Subject[] = [
  {
    name: 'memory',
    open: async () => {
      const store = track(new MemoryStateStore());
      return { store, peer: store };
    },
  },
  {
    name: 'redis',
    open: async () => {
      const prefix = `t-${randomUUID()}:`;
      return { store: await connect(prefix), peer: await connect(prefix) };
    },
  },
];

describe.each(subjects)('the $name store', (subject) => {
  it('grants a claim once, to one caller, per space and id', async () => {
    const { store, peer: other } = await subject.open();
    expect(await store.claimOnce('event', 'Ev1', 60_000)).toBe(true);
    expect(await store.claimOnce('event', 'Ev1', 60_000)).toBe(false);
    expect(await other.claimOnce('event', 'Ev1', 60_000)).toBe(false);
    expect(await other.claimOnce('event', 'Ev2', 60_000)).toBe(true);
    // The same id in another space is another claim.
    expect(await store.claimOnce('message', 'Ev1', 60_000)).toBe(true);
    expect(await store.claimOnce('signature', 'Ev1', 60_000)).toBe(true);
  });

  it('gives a claim raced by many callers at once to exactly one of them', async () => {
    const { store, peer: other } = await subject.open();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 === 0 ? store : other).claimOnce('message', 'C1:1.0', 60_000),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('lets a claim be taken again once its TTL has run out', async () => {
    const { store } = await subject.open();
    // Long enough that a busy machine cannot let it lapse between the first two calls.
    expect(await store.claimOnce('event', 'short', 400)).toBe(true);
    expect(await store.claimOnce('event', 'short', 400)).toBe(false);
    await vi.waitFor(async () => expect(await store.claimOnce('event', 'short', 400)).toBe(true), {
      timeout: 5000,
      interval: 50,
    });
  });

  it('claims the codes of a thread once and hands back only the ones still free', async () => {
    const { store, peer: other } = await subject.open();
    const thread = threadKey('C1', '1700000000.000100');
    expect(await store.claimCodes(thread, ['0x80CF6008', '0x80CF4017'], 60_000)).toEqual([
      '0x80CF6008',
      '0x80CF4017',
    ]);
    expect(await other.claimCodes(thread, ['0x80CF4017', '0x80CF0001'], 60_000)).toEqual(['0x80CF0001']);
    expect(await other.claimCodes(thread, ['0x80CF6008'], 60_000)).toEqual([]);
    // Another thread, even in the same channel, has its own cooldown.
    expect(await other.claimCodes(threadKey('C1', '1700000000.000200'), ['0x80CF6008'], 60_000)).toEqual([
      '0x80CF6008',
    ]);
    expect(await store.claimCodes(thread, [], 60_000)).toEqual([]);
    // Keys whose parts run together stay apart.
    expect(await store.claimCodes(threadKey('C1', '1700000000.000100'), ['X'], 60_000)).toEqual(['X']);
    expect(await store.claimCodes(threadKey('C11', '700000000.000100'), ['X'], 60_000)).toEqual(['X']);
  });

  it('frees released codes for the next paste, and only those, in that thread only', async () => {
    const { store, peer: other } = await subject.open();
    const thread = threadKey('C2', '1.1');
    const elsewhere = threadKey('C2', '2.2');
    await store.claimCodes(thread, ['A', 'B'], 60_000);
    await store.claimCodes(elsewhere, ['A'], 60_000);
    await store.release(thread, ['A']);
    expect(await other.claimCodes(thread, ['A', 'B'], 60_000)).toEqual(['A']);
    expect(await other.claimCodes(elsewhere, ['A'], 60_000)).toEqual([]);
    await store.release(thread, []);
  });

  it('lets a cooled-down code be claimed again after its TTL', async () => {
    const { store } = await subject.open();
    const thread = threadKey('C3', '3.3');
    expect(await store.claimCodes(thread, ['A'], 400)).toEqual(['A']);
    expect(await store.claimCodes(thread, ['A'], 400)).toEqual([]);
    await vi.waitFor(async () => expect(await store.claimCodes(thread, ['A'], 400)).toEqual(['A']), {
      timeout: 5000,
      interval: 50,
    });
  });

  it('caches values for their TTL, empty strings included, and misses after', async () => {
    const { store, peer: other } = await subject.open();
    expect(await store.cacheGet('locale', 'U1')).toBeUndefined();
    await store.cacheSet('locale', 'U1', 'sv-SE', 60_000);
    await store.cacheSet('locale', 'U2', '', 60_000);
    expect(await other.cacheGet('locale', 'U1')).toBe('sv-SE');
    expect(await other.cacheGet('locale', 'U2')).toBe('');
    await store.cacheSet('locale', 'U1', 'en-US', 400);
    expect(await store.cacheGet('locale', 'U1')).toBe('en-US');
    await vi.waitFor(async () => expect(await store.cacheGet('locale', 'U1')).toBeUndefined(), {
      timeout: 5000,
      interval: 50,
    });
  });

  it('gives a channel one send slot per interval, shared by every replica, and leaves other channels alone', async () => {
    const { store, peer: other } = await subject.open();
    expect(await store.reservePace('C1')).toBe(0);
    const wait = await other.reservePace('C1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(PACE_INTERVAL_MS);
    expect(await store.reservePace('C1')).toBeGreaterThan(0);
    expect(await other.reservePace('C2')).toBe(0);
    // Once the wait it named is over, the slot is free again: to one caller.
    await new Promise((resolve) => setTimeout(resolve, wait));
    await vi.waitFor(async () => expect(await other.reservePace('C1')).toBe(0), {
      timeout: 2000,
      interval: 10,
    });
    expect(await store.reservePace('C1')).toBeGreaterThan(0);
  });

  it('holds a channel’s slot for a whole interval from the end of a send, for every replica', async () => {
    const { store, peer: other } = await subject.open();
    await store.holdPace('C9');
    const wait = await other.reservePace('C9');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(PACE_INTERVAL_MS);
    expect(await other.reservePace('C10')).toBe(0);
  });

  it('reports its state as ok while its backing store answers', async () => {
    const { store } = await subject.open();
    expect(store.state).toBe('ok');
    expect(store.kind).toBe(subject.name);
  });
});
