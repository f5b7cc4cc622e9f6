import { describe, expect, it } from 'vitest';
import { boltLogger, createLogger } from '../src/log.js';
import { captureLines } from './support/capture-log.js';

const BOT = 'xoxb-1234567890-0000-AbCdEfGhIjKlMnOpQrStUvWx';
const APP = 'xapp-1-A0123456789-0000-abcdef0123456789';
const SIGNING = 'f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8';

describe('createLogger', () => {
  it('writes JSON lines with data first and the message second', () => {
    const { lines, destination } = captureLines();
    createLogger({ destination }).info({ surface: 'command', codes: ['0x80CF6008'], ms: 3 }, 'lookup');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      surface: 'command',
      codes: ['0x80CF6008'],
      ms: 3,
      msg: 'lookup',
    });
  });

  it('never writes tokens or the signing secret, in data, messages or errors', () => {
    const { lines, destination } = captureLines();
    const log = createLogger({ destination, secrets: [SIGNING, BOT, APP] });
    log.info(
      { token: BOT, headers: { authorization: `Bearer ${BOT}` }, nested: { note: `app ${APP}` } },
      `sent with ${BOT}`,
    );
    log.error({ err: new Error(`auth failed for ${BOT} with secret ${SIGNING}`) }, 'failed');
    log.warn(`signing secret is ${SIGNING}`);
    boltLogger(log).error('bolt says', new Error(`token ${APP}`), { t: BOT });
    const output = lines.join('');
    for (const secret of [BOT, APP, SIGNING]) expect(output).not.toContain(secret);
    expect(output).toContain('[redacted]');
    expect(lines).toHaveLength(4);
  });

  it('never writes the password of a URL, such as REDIS_URL', () => {
    const { lines, destination } = captureLines();
    const log = createLogger({ destination });
    log.warn(
      { url: 'rediss://default:s3cret-pass@redis.example:6380' },
      'cannot reach redis://:s3cret-pass@r:6379',
    );
    log.error({ err: new Error('connect to redis://user:s3cret-pass@r failed') }, 'failed');
    const output = lines.join('');
    expect(output).not.toContain('s3cret-pass');
    expect(output).toContain('rediss://[redacted]@redis.example:6380');
  });

  it('bridges Bolt log calls to the same logger', () => {
    const { lines, destination } = captureLines();
    boltLogger(createLogger({ destination, level: 'debug' })).info('socket connected', 42);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ component: 'bolt', msg: 'socket connected 42' });
  });
});

describe('boltLogger', () => {
  it('keeps raw Slack payloads that the SDKs log at debug level out of the log', () => {
    const { lines, destination } = captureLines();
    const bolt = boltLogger(createLogger({ destination, level: 'debug' }));
    bolt.debug('http request body: {"text":"secret incident details 0x80cf6008"}');
    bolt.debug('Received a message on the WebSocket: {"payload":{"event":{"text":"private words"}}}');
    const output = lines.join('');
    expect(output).not.toContain('incident');
    expect(output).not.toContain('private words');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'http request body', omitted: 'payload' });
  });
});
