import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../src/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// biome-ignore lint/suspicious/noExplicitAny: compose files are free-form YAML
const compose: any = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'));
const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** There is no Docker engine here: compose.yaml is checked for what it refers to, statically. */
describe('compose.yaml', () => {
  const { redis, bot } = compose.services;

  it('runs Redis with append-only persistence on a named volume, with a health check', () => {
    expect(redis.command.join(' ')).toContain('--appendonly yes');
    const [volume] = redis.volumes[0].split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs two replicas of the image this repository builds, started once Redis is healthy', () => {
    expect(bot.deploy.replicas).toBeGreaterThanOrEqual(2);
    expect(existsSync(join(ROOT, bot.build, 'Dockerfile'))).toBe(true);
    expect(bot.depends_on.redis.condition).toBe('service_healthy');
    expect(bot.env_file).toBe('.env');
  });

  it('points every replica at that Redis with settings the bot accepts and documents', () => {
    const config = readConfig(bot.environment);
    expect(Object.keys(compose.services)).toContain(new URL(config.redisUrl ?? '').hostname);
    for (const name of Object.keys(bot.environment)) expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  it('checks each replica’s /healthz on the port the image listens on', () => {
    const port = /\bPORT=(\d+)/.exec(dockerfile)?.[1];
    expect(port).toBeDefined();
    expect(bot.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${port}/healthz`);
    for (const mapping of bot.ports) expect(String(mapping).endsWith(`:${port}`)).toBe(true);
  });
});
