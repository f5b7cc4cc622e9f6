import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { StateStoreError } from '../../src/errors.js';
import { connectRedisStore, type RedisStateStore } from '../../src/state/redis-store.js';
import { threadKey } from '../../src/state/state-store.js';
import { captureLog } from '../support/capture-log.js';
import { freePort, INSTALL_REDIS, type RedisServer, startRedis } from '../support/redis-server.js';

const PASSWORD = 'hunter2-but-longer';

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
const opened: RedisStateStore[] = [];

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
  raw = createClient({ url: redis.url });
  raw.on('error', () => {});
  await raw.connect();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  raw.destroy();
  await redis.close();
});

async function open(prefix: string, options: { commandTimeoutMs?: number } = {}) {
  const { log, lines } = captureLog('info');
  const store = await connectRedisStore({ url: redis.url, prefix, log, ...options });
  opened.push(store);
  return { store, lines };
}

async function everyOperation(store: RedisStateStore) {
  await store.claimOnce('event', 'Ev1', 60_000);
  await store.claimOnce('message', 'C1:1.0', 60_000);
  await store.claimOnce('signature', 'v0=abc', 60_000);
  await store.claimCodes(threadKey('C1', '1.0'), ['A', 'B'], 60_000);
  await store.release(threadKey('C1', '1.0'), ['B']);
  await store.cacheSet('locale', 'U1', 'sv-SE', 60_000);
  await store.reservePace('C1');
}

describe('the Redis store', () => {
  it('keeps every key under its prefix, each with a TTL', async () => {
    const { store } = await open('keys-test:');
    await everyOperation(store);
    const keys = await raw.keys('keys-test:*');
    expect(keys.sort()).toEqual(
      [
        'keys-test:cooldown:C1:1.0:A',
        'keys-test:event:Ev1',
        'keys-test:locale:U1',
        'keys-test:message:C1:1.0',
        'keys-test:pace:C1',
        'keys-test:signature:v0=abc',
      ].sort(),
    );
    for (const key of keys) expect(await raw.pTTL(key), key).toBeGreaterThan(0);
  });

  it('shares nothing between two prefixes on one server', async () => {
    const { store: one } = await open('bot-a:');
    const { store: two } = await open('bot-b:');
    expect(await one.claimOnce('event', 'Ev1', 60_000)).toBe(true);
    expect(await two.claimOnce('event', 'Ev1', 60_000)).toBe(true);
    expect(await one.claimCodes('T', ['A'], 60_000)).toEqual(['A']);
    expect(await two.claimCodes('T', ['A'], 60_000)).toEqual(['A']);
    expect(await one.reservePace('C1')).toBe(0);
    expect(await two.reservePace('C1')).toBe(0);
  });

  it('stops start-up naming REDIS_URL when nothing listens there', async () => {
    const port = await freePort();
    const { log } = captureLog();
    const attempt = connectRedisStore({ url: `redis://:${PASSWORD}@127.0.0.1:${port}`, prefix: 'x:', log });
    const error = await attempt.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).code).toBe('INTUNE_ERR_STATE');
    expect((error as StateStoreError).variable).toBe('REDIS_URL');
    expect((error as Error).message).toMatch(
      /^REDIS_URL: cannot use Redis at redis:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it('stops start-up naming REDIS_URL when Redis refuses the password, without echoing it', async () => {
    const { log } = captureLog();
    const wrong = redis.url.replace(encodeURIComponent(PASSWORD), 'not-the-password');
    const error = await connectRedisStore({ url: wrong, prefix: 'x:', log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as Error).message).toMatch(/^REDIS_URL: /);
    expect((error as Error).message).not.toContain('not-the-password');
  });

  it('answers from memory while Redis is too slow, says degraded, and comes back when it answers', async () => {
    const { store, lines } = await open('slow:', { commandTimeoutMs: 100 });
    expect(await store.claimOnce('event', 'before', 60_000)).toBe(true);
    await raw.clientPause(400);
    expect(await store.claimOnce('event', 'during', 60_000)).toBe(true);
    expect(store.state).toBe('degraded');
    expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
    await vi.waitFor(async () => {
      await store.cacheGet('locale', 'U1');
      expect(store.state).toBe('ok');
    });
    expect(await store.claimOnce('event', 'after', 60_000)).toBe(true);
    expect(await raw.exists('slow:event:after')).toBe(1);
    // The claim it took from memory still counts once Redis answers again.
    expect(await store.claimOnce('event', 'during', 60_000)).toBe(false);
  });

  it('fails at once with the install command where redis-server is missing (the tests never skip)', async () => {
    const error = await startRedis({ command: 'redis-server-that-is-not-installed' }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain(INSTALL_REDIS);
  });
});
