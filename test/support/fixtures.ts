import { readFileSync } from 'node:fs';

const cache = new Map<string, unknown>();

/** A realistic Slack payload from test/fixtures/<name>.json, cloned so each test may change its copy. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely by tests
export function fixture<T = any>(name: string): T {
  let parsed = cache.get(name);
  if (parsed === undefined) {
    parsed = JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8'));
    cache.set(name, parsed);
  }
  return structuredClone(parsed) as T;
}
