import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exitOnSignals, SHUTDOWN_GRACE_MS, type Stoppable } from '../../src/run/shutdown.js';
import { captureLog } from '../support/capture-log.js';

function setup(stop: () => Promise<void>) {
  const { log, lines } = captureLog('info');
  const signals = new EventEmitter();
  const exits: number[] = [];
  const target: Stoppable & { calls: number } = {
    calls: 0,
    stop() {
      target.calls += 1;
      return stop();
    },
  };
  const exited = new Promise<number>((resolve) => {
    const dispose = exitOnSignals(
      target,
      log,
      (code) => {
        exits.push(code);
        resolve(code);
      },
      signals,
    );
    disposers.push(dispose);
  });
  return { signals, exits, target, exited, lines };
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  vi.useRealTimers();
});

/** A stop() that finishes only when the test says so: in-flight replies still draining. */
function deferredStop() {
  let finish: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { stop: () => promise, finish, fail };
}

describe('exitOnSignals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: stops the bot, waits for the drain, exits 0',
    async (signal) => {
      const drain = deferredStop();
      const { signals, exits, target, exited, lines } = setup(drain.stop);
      signals.emit(signal, signal);
      expect(target.calls).toBe(1);
      // Still draining: no exit yet.
      await Promise.resolve();
      expect(exits).toEqual([]);
      drain.finish();
      expect(await exited).toBe(0);
      expect(exits).toEqual([0]);
      expect(lines.map((l) => l.msg)).toEqual(['shutting down', 'stopped']);
      expect(lines[0]?.signal).toBe(signal);
    },
  );

  it(`exits 1 when the drain outlasts the grace period (${SHUTDOWN_GRACE_MS} ms)`, async () => {
    vi.useFakeTimers();
    const drain = deferredStop();
    const { signals, exits, exited, lines } = setup(drain.stop);
    signals.emit('SIGTERM', 'SIGTERM');
    vi.advanceTimersByTime(SHUTDOWN_GRACE_MS - 1);
    expect(exits).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(await exited).toBe(1);
    expect(lines.some((l) => l.msg === 'in-flight work did not finish in time; exiting')).toBe(true);
  });

  it('the grace period is under the 10 s Docker and Kubernetes give before SIGKILL', () => {
    expect(SHUTDOWN_GRACE_MS).toBeLessThan(10_000);
  });

  it('a second signal while draining exits 1 at once, and stop() is not called again', async () => {
    const drain = deferredStop();
    const { signals, exits, target } = setup(drain.stop);
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    expect(target.calls).toBe(1);
  });

  it('a failing stop() exits 1 and logs the error', async () => {
    const drain = deferredStop();
    const { signals, exited, lines } = setup(drain.stop);
    signals.emit('SIGTERM', 'SIGTERM');
    drain.fail(new Error('close failed'));
    expect(await exited).toBe(1);
    expect(lines.some((l) => l.msg === 'error while stopping')).toBe(true);
  });

  it('the returned function removes the listeners', () => {
    const drain = deferredStop();
    const { signals, target } = setup(drain.stop);
    for (const dispose of disposers.splice(0)) dispose();
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    signals.emit('SIGTERM', 'SIGTERM');
    expect(target.calls).toBe(0);
  });
});
