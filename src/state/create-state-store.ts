import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { MemoryStateStore } from './memory-store.js';
import type { StateStore } from './state-store.js';

/**
 * The store REDIS_URL asks for: Redis, shared by every replica, or else this process's memory
 * (today's behaviour, nothing to install). An unreachable Redis stops start-up. The Redis client is
 * imported only when REDIS_URL is set: loading it cost every start-up about a quarter of a second.
 */
export async function createStateStore(
  config: Pick<Config, 'redisUrl' | 'redisPrefix'>,
  log: Logger,
): Promise<StateStore> {
  if (config.redisUrl === undefined) return new MemoryStateStore();
  const { connectRedisStore, displayUrl } = await import('./redis-store.js');
  const store = await connectRedisStore({ url: config.redisUrl, prefix: config.redisPrefix, log });
  log.info(
    { state: store.state, redis: displayUrl(config.redisUrl), prefix: config.redisPrefix },
    'state shared on Redis',
  );
  return store;
}
