import { describe, expect, it, vi } from 'vitest';
import { MEMORY_LIMITS, MemoryStateStore } from '../../src/state/memory-store.js';

describe('the memory store', () => {
  it('keeps at most its bound in each space, however many distinct ids arrive', async () => {
    const store = new MemoryStateStore({ limits: { event: 100, cooldown: 10 } });
    for (let i = 0; i < 100_000; i += 1) await store.claimOnce('event', `Ev${i}`, 600_000);
    for (let i = 0; i < 1000; i += 1) await store.claimCodes(`C1:${i}`, ['A', 'B'], 600_000);
    expect(store.size('event')).toBe(100);
    expect(store.size('cooldown')).toBe(10);
    // A space never used holds nothing.
    expect(store.size('signature')).toBe(0);
  });

  it('lets a zero-second cooldown expire rather than hold for ever', async () => {
    const store = new MemoryStateStore();
    expect(await store.claimCodes('T', ['A'], 0)).toEqual(['A']);
    await vi.waitFor(async () => expect(await store.claimCodes('T', ['A'], 0)).toEqual(['A']), {
      interval: 5,
    });
  });
});

describe('the memory store as the event-id dedupe', () => {
  const TEN_MINUTES = 10 * 60 * 1000;

  it('still knows an event when Slack’s last retry comes 5 minutes later, at 600 events a second', async () => {
    let clock = 1_000_000;
    const store = new MemoryStateStore({ now: () => clock });
    expect(await store.claimOnce('event', 'Ev0FIRST', TEN_MINUTES)).toBe(true);
    for (let s = 0; s < 5 * 60; s++) {
      for (let i = 0; i < 600; i++) await store.claimOnce('event', `Ev${s}x${i}`, TEN_MINUTES);
      clock += 1000;
    }
    expect(await store.claimOnce('event', 'Ev0FIRST', TEN_MINUTES)).toBe(false);
    clock += 30_000;
    expect(await store.claimOnce('event', 'Ev0FIRST', TEN_MINUTES)).toBe(false);
  });

  it('forgets an event once its TTL has passed, not a millisecond before', async () => {
    let clock = 1_000_000;
    const store = new MemoryStateStore({ now: () => clock });
    await store.claimOnce('event', 'Ev1', TEN_MINUTES);
    clock += TEN_MINUTES - 1;
    expect(await store.claimOnce('event', 'Ev1', TEN_MINUTES)).toBe(false);
    clock += 2;
    expect(await store.claimOnce('event', 'Ev1', TEN_MINUTES)).toBe(true);
  });
});

describe('the memory store’s default bounds', () => {
  it('keeps 200,000 event ids and 50,000 thread cooldowns at most, even 100,000 past them', async () => {
    const store = new MemoryStateStore();
    for (let i = 0; i < MEMORY_LIMITS.event + 100_000; i++) await store.claimOnce('event', `Ev${i}`, 600_000);
    for (let i = 0; i < 150_000; i++)
      await store.claimCodes(`C${i % 97}:1764000000.${i}`, ['0x80CF6008'], 600_000);
    expect(store.size('event')).toBe(MEMORY_LIMITS.event);
    expect(store.size('cooldown')).toBe(MEMORY_LIMITS.cooldown);
    // The most recent are still held; the oldest were pushed out.
    expect(await store.claimOnce('event', `Ev${MEMORY_LIMITS.event + 99_999}`, 600_000)).toBe(false);
    expect(await store.claimOnce('event', 'Ev0', 600_000)).toBe(true);
  });
});
