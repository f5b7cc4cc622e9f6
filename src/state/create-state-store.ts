import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { MemoryStateStore } from './memory-store.js';
import { connectRedisStore, displayUrl } from './redis-store.js';
import type { StateStore } from './state-store.js';

/**
 * The store REDIS_URL asks for: Redis, shared by every replica, or else this process's memory
 * (today's behaviour, nothing to install). An unreachable Redis stops start-up.
 */
export async function createStateStore(
  config: Pick<Config, 'redisUrl' | 'redisPrefix'>,
  log: Logger,
): Promise<StateStore> {
  if (config.redisUrl === undefined) return new MemoryStateStore();
  const store = await connectRedisStore({ url: config.redisUrl, prefix: config.redisPrefix, log });
  log.info(
    { state: store.state, redis: displayUrl(config.redisUrl), prefix: config.redisPrefix },
    'state shared on Redis',
  );
  return store;
}
