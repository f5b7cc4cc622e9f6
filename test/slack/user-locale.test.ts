import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { UserLocales } from '../../src/slack/user-locale.js';
import { MemoryStateStore } from '../../src/state/memory-store.js';
import { captureLog } from '../support/capture-log.js';

type Answer = { locale?: string } | Error;

/**
 * A users.info stand-in: answers each user from `answers` (an Error is thrown as
 * Slack's client would), after `delayMs`; records every call.
 */
function fakeUsers(answers: Record<string, Answer>, delayMs = 0) {
  const calls: Record<string, unknown>[] = [];
  const client = {
    users: {
      info: async (args: { user: string; include_locale?: boolean }) => {
        calls.push(args);
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        const answer = answers[args.user] ?? {};
        if (answer instanceof Error) throw answer;
        return { ok: true, user: { id: args.user, ...(answer.locale ? { locale: answer.locale } : {}) } };
      },
    },
  };
  return { client: client as unknown as WebClient, calls };
}

describe('UserLocales', () => {
  it('asks users.info with include_locale and returns the user’s Slack locale', async () => {
    const { client, calls } = fakeUsers({ U1: { locale: 'sv-SE' } });
    const locales = new UserLocales(captureLog());
    expect(await locales.lookup(client, 'U1')).toBe('sv-SE');
    expect(calls).toEqual([{ user: 'U1', include_locale: true }]);
  });

  it('answers from the cache afterwards, without asking Slack', async () => {
    const { client, calls } = fakeUsers({ U1: { locale: 'en-US' } });
    const locales = new UserLocales(captureLog());
    await locales.lookup(client, 'U1');
    expect(await locales.lookup(client, 'U1')).toBe('en-US');
    expect(await locales.cached('U1')).toBe('en-US');
    expect(calls).toHaveLength(1);
  });

  it('dedupes concurrent lookups of one user into one users.info call', async () => {
    const { client, calls } = fakeUsers({ U1: { locale: 'sv-SE' }, U2: { locale: 'en-US' } }, 20);
    const locales = new UserLocales(captureLog());
    const results = await Promise.all([
      locales.lookup(client, 'U1'),
      locales.lookup(client, 'U1'),
      locales.lookup(client, 'U1', 1000),
      locales.lookup(client, 'U2'),
    ]);
    expect(results).toEqual(['sv-SE', 'sv-SE', 'sv-SE', 'en-US']);
    expect(calls.map((c) => c.user)).toEqual(['U1', 'U2']);
  });

  it('caches users Slack gives no locale, so they cost no further call', async () => {
    const { client, calls } = fakeUsers({ U1: {} });
    const state = new MemoryStateStore();
    const locales = new UserLocales({ ...captureLog(), state });
    expect(await locales.lookup(client, 'U1')).toBeUndefined();
    expect(await locales.lookup(client, 'U1')).toBeUndefined();
    expect(await locales.cached('U1')).toBeUndefined();
    expect(state.size('locale')).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('answers undefined when users.info fails, logs it, and does not ask again at once', async () => {
    const { client, calls } = fakeUsers({ U1: new Error('An API error occurred: user_not_found') });
    const { log, lines } = captureLog();
    const locales = new UserLocales({ log });
    expect(await locales.lookup(client, 'U1')).toBeUndefined();
    expect(await locales.lookup(client, 'U1')).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(lines.filter((l) => l.msg === 'users.info failed; answering in the default locale')).toHaveLength(
      1,
    );
  });

  it('gives up waiting after the budget, but lets the lookup finish and fill the cache', async () => {
    const { client, calls } = fakeUsers({ U1: { locale: 'sv-SE' } }, 80);
    const locales = new UserLocales(captureLog());
    expect(await locales.lookup(client, 'U1', 5)).toBeUndefined();
    expect(await locales.cached('U1')).toBeUndefined();
    // The late answer lands in the cache: the next lookup needs no call and no wait.
    await new Promise((r) => setTimeout(r, 120));
    expect(await locales.cached('U1')).toBe('sv-SE');
    expect(await locales.lookup(client, 'U1', 5)).toBe('sv-SE');
    expect(calls).toHaveLength(1);
  });

  it('returns the locale within the budget when Slack answers in time', async () => {
    const { client } = fakeUsers({ U1: { locale: 'en-US' } }, 5);
    const locales = new UserLocales(captureLog());
    expect(await locales.lookup(client, 'U1', 1000)).toBe('en-US');
  });

  it('joins a lookup already under way when a budgeted one times out', async () => {
    const { client, calls } = fakeUsers({ U1: { locale: 'sv-SE' } }, 60);
    const locales = new UserLocales(captureLog());
    const patient = locales.lookup(client, 'U1');
    expect(await locales.lookup(client, 'U1', 5)).toBeUndefined();
    expect(await patient).toBe('sv-SE');
    expect(calls).toHaveLength(1);
  });

  it('looks a user up again once the cached locale has expired', async () => {
    const { client, calls } = fakeUsers({ U1: { locale: 'sv-SE' } });
    const locales = new UserLocales({ ...captureLog(), ttlMs: 20 });
    await locales.lookup(client, 'U1');
    await new Promise((r) => setTimeout(r, 40));
    expect(await locales.lookup(client, 'U1')).toBe('sv-SE');
    expect(calls).toHaveLength(2);
  });
});
