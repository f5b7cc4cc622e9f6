import { describe, expect, it, vi } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory-store.js';

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
