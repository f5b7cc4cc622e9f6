import type { FakeSlack, RecordedCall } from '../test/support/fake-slack.js';

/**
 * Calls `listener` the moment the fake Slack records a call, with a
 * high-resolution arrival time (the recorded `at` is whole milliseconds).
 * Returns a function that stops listening.
 */
export function onCall(slack: FakeSlack, listener: (call: RecordedCall, at: number) => void): () => void {
  const calls = slack.calls;
  const original = calls.push;
  calls.push = (...items: RecordedCall[]) => {
    const at = performance.now();
    for (const item of items) listener(item, at);
    return original.apply(calls, items);
  };
  return () => {
    calls.push = original;
  };
}
