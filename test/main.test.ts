/**
 * The built bot as `npm start` runs it (`node dist/main.js`), as a process: start-up
 * failures, HTTP and Socket Mode serving /healthz, and SIGTERM draining a reply in flight.
 * Each run gets a clean environment and an empty temporary working directory, so a
 * developer's .env (dotenv reads it from the working directory) never leaks in.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from './support/fake-slack.js';
import { FakeSocketMode } from './support/fake-socket-mode.js';
import { freePort } from './support/redis-server.js';
import { postEvent, SIGNING_SECRET } from './support/sign.js';
import { messageEvent } from './support/slack-events.js';
import { BOT_TOKEN } from './support/start-app.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'dist', 'main.js');
const APP_TOKEN = 'xapp-1-A0INTUNEERR-0000-processprocessprocess';
/** docker stop (and Kubernetes) send SIGKILL this long after SIGTERM. */
const KILL_AFTER_MS = 10_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** dist/ exists after `npm ci` (the prepare script builds it); rebuild only when src/ or data/ is newer. */
function ensureBuilt(): void {
  const built = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
  if (built >= Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'data')))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Bot {
  child: ChildProcess;
  stdout: string[];
  stderr(): string;
  exited: Promise<Exit>;
  /** The first JSON log line with this msg, waiting for it if need be. */
  line(msg: string): Promise<Record<string, unknown>>;
  logs(): Record<string, unknown>[];
}

const running: ChildProcess[] = [];
let cwd: string;

function startProcess(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    // Only what a container would have: no inherited SLACK_* or LOG_LEVEL from the developer.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.push(child);
  const stdout: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines.filter((l) => l.trim() !== ''));
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, signal });
    });
  });
  const logs = () =>
    stdout.flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    child,
    stdout,
    stderr: () => stderr,
    exited,
    logs,
    async line(msg) {
      for (;;) {
        const found = logs().find((l) => l.msg === msg);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `exited before logging "${msg}"; stderr:\n${stderr}\nstdout:\n${stdout.join('\n')}`,
          );
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/** Sends SIGTERM and waits for the exit, failing if it would have been SIGKILLed by docker stop. */
async function terminate(bot: Bot): Promise<Exit & { ms: number }> {
  const started = performance.now();
  bot.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running ${KILL_AFTER_MS} ms after SIGTERM`)),
      KILL_AFTER_MS,
    );
  });
  try {
    const exit = await Promise.race([bot.exited, killed]);
    return { ...exit, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(() => {
  ensureBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'intune-err-main-'));
}, 180_000);

afterEach(() => {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(() => {
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe('node dist/main.js: start-up failures', () => {
  it('with an unreachable REDIS_URL, exits 1 at once naming REDIS_URL, never its password', async () => {
    const port = await freePort();
    const bot = startProcess({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      REDIS_URL: `redis://:s3cret-redis-pass@127.0.0.1:${port}`,
    });
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('intune-err cannot start');
    expect(bot.stderr()).toContain(`REDIS_URL: cannot use Redis at redis://127.0.0.1:${port}`);
    expect(bot.stderr() + bot.stdout.join('')).not.toContain('s3cret-redis-pass');
  });

  it('with no Slack variables and no terminal, exits 1 at once naming SLACK_BOT_TOKEN and pointing to the README', async () => {
    const bot = startProcess({});
    bot.child.stdin?.end();
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('intune-err cannot start');
    expect(bot.stderr()).toContain('SLACK_BOT_TOKEN');
    expect(bot.stderr()).toContain('SLACK_SIGNING_SECRET');
    expect(bot.stderr()).toContain('README.md');
    expect(bot.stdout).toEqual([]);
  });

  // One bad value as a process (how main prints a config error); every bad PORT value is refused
  // the same way by readConfig, tested in process in config.test.ts.
  it('PORT=70000 stops start-up with a message naming PORT', async () => {
    const bot = startProcess({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      PORT: '70000',
    });
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toMatch(/PORT.*must be a whole number from 0 to 65535/);
    expect(bot.stderr()).toContain('README.md');
    // The value is echoed for PORT (not a secret); the tokens never are.
    expect(bot.stderr()).not.toContain(BOT_TOKEN);
    expect(bot.stderr()).not.toContain(SIGNING_SECRET);
  });

  it('DEFAULT_LOCALE with no page stops start-up naming it and the locales there are', async () => {
    const bot = startProcess({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      DEFAULT_LOCALE: 'de-DE',
    });
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.stderr()).toContain('DEFAULT_LOCALE: must be one of sv-SE, en-US');
    expect(bot.stderr()).toContain('"de-DE"');
  });

  it('reads .env from the working directory (and names its bad values)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intune-err-dotenv-'));
    try {
      writeFileSync(
        join(dir, '.env'),
        `SLACK_BOT_TOKEN=${BOT_TOKEN}\nSLACK_SIGNING_SECRET=x\nPORT=not-a-port\n`,
      );
      const child = spawn(process.execPath, [MAIN], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      running.push(child);
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('PORT');
      expect(stderr).not.toContain('SLACK_BOT_TOKEN');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('node dist/main.js: HTTP mode', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await new FakeSlack().start();
  });
  afterAll(async () => {
    await slack.stop();
  });

  const httpEnv = () => ({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
  });

  it('serves /healthz 200 {"ok":true} once ready, and exits 0 on SIGTERM', async () => {
    const bot = startProcess(httpEnv());
    const ready = await bot.line('intune-err is ready');
    expect(ready).toMatchObject({ mode: 'http', path: '/slack/events' });
    const port = Number(ready.port);
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });

    const exit = await terminate(bot);
    process.stdout.write(`SIGTERM -> exit (idle, HTTP mode): ${exit.ms} ms\n`);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(bot.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(bot.stderr()).toBe('');
    expect(bot.stdout.join('\n')).not.toContain(BOT_TOKEN);
    expect(bot.stdout.join('\n')).not.toContain(SIGNING_SECRET);
  });

  it('answers a browser’s and a probe’s stray requests 4xx and keeps running (one used to exit 1)', async () => {
    const bot = startProcess(httpEnv());
    const ready = await bot.line('intune-err is ready');
    const base = `http://127.0.0.1:${Number(ready.port)}`;
    const stray: [string, string, number][] = [
      ['GET', '/', 404],
      ['HEAD', '/', 404],
      ['GET', '/favicon.ico', 404],
      ['GET', '/slack/events', 405],
      ['OPTIONS', '/slack/events', 405],
      ['GET', '/healthz/', 404],
    ];
    for (const [method, path, status] of stray) {
      const res = await fetch(`${base}${path}`, { method });
      expect(res.status).toBe(status);
      await res.arrayBuffer();
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(bot.child.exitCode).toBeNull();
    const exit = await terminate(bot);
    expect(exit).toMatchObject({ code: 0, signal: null });
  });

  it('SIGTERM while a reply is in flight: the reply is delivered, then exit 0', async () => {
    const bot = startProcess(httpEnv());
    const ready = await bot.line('intune-err is ready');
    const base = `http://127.0.0.1:${Number(ready.port)}`;
    // Slack takes its time to answer the reply.
    slack.script('chat.postMessage', { delayMs: 500 });
    const event = messageEvent({ text: 'all three laptops: 0x80cf6008' });
    const ack = await postEvent(base, event);
    expect(ack.status).toBe(200);
    const post = async () => {
      const found = slack.callsOf('chat.postMessage').find((c) => c.args.thread_ts === event.event.ts);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
      return post();
    };
    const inFlight = await post();
    expect(inFlight.status).toBeUndefined();

    const exit = await terminate(bot);
    process.stdout.write(`SIGTERM -> exit (reply in flight, Slack answering after 500 ms): ${exit.ms} ms\n`);
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Answered 200 ok by Slack before the process went away.
    expect(inFlight.status).toBe(200);
    expect(inFlight.ok).toBe(true);
    expect(String(inFlight.args.text)).toContain('0x80CF6008');
    expect(bot.stderr()).toBe('');
  });

  it('a second SIGTERM while draining exits 1 at once', async () => {
    const bot = startProcess(httpEnv());
    const ready = await bot.line('intune-err is ready');
    slack.script('chat.postMessage', { delayMs: 3000 });
    const event = messageEvent({ text: 'again 0x80cf4017' });
    await postEvent(`http://127.0.0.1:${Number(ready.port)}`, event);
    for (;;) {
      if (slack.callsOf('chat.postMessage').some((c) => c.args.thread_ts === event.event.ts)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    bot.child.kill('SIGTERM');
    await bot.line('shutting down');
    bot.child.kill('SIGTERM');
    const exit = await bot.exited;
    expect(exit.code).toBe(1);
    expect(bot.logs().some((l) => l.msg === 'second signal: exiting now')).toBe(true);
  });
});

describe('node dist/main.js: Socket Mode', () => {
  it('connects with SLACK_APP_TOKEN, serves /healthz 200, answers a slash command in the ack, exits 0 on SIGTERM', async () => {
    const slack = await new FakeSlack().start();
    const socket = await new FakeSocketMode().start();
    try {
      slack.script('apps.connections.open', { body: { ok: true, url: socket.url() } });
      const bot = startProcess({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        HOST: '127.0.0.1',
      });
      const ready = await bot.line('intune-err is ready');
      expect(ready.mode).toBe('socket');
      const res = await fetch(`http://127.0.0.1:${Number(ready.port)}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      const ack = await socket.send('slash_commands', {
        command: '/intune-err',
        text: '0x80cf6008',
        user_id: 'U2147483697',
        channel_id: 'C2147483705',
        team_id: 'T0001',
        api_app_id: 'A0INTUNEERR',
        response_url: slack.responseUrl('process-command'),
        trigger_id: '1.2.3',
      });
      expect(JSON.stringify(ack.payload)).toContain('0x80CF6008');

      const exit = await terminate(bot);
      process.stdout.write(`SIGTERM -> exit (Socket Mode): ${exit.ms} ms\n`);
      expect(exit).toMatchObject({ code: 0, signal: null });
      await Promise.all(socket.connections.map((c) => c.closed));
      expect(bot.stdout.join('\n')).not.toContain(APP_TOKEN);
    } finally {
      await socket.stop();
      await slack.stop();
    }
  });
});

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

describe('node dist/main.js: console', () => {
  // `script` (util-linux) gives the bot a real terminal, as `npm start` on a developer's machine.
  it.skipIf(!hasScript)(
    'on a terminal with no Slack variables, runs the console; exit ends it with 0',
    async () => {
      const child = spawn(
        'script',
        ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)}`, '/dev/null'],
        {
          cwd,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: cwd,
            TERM: 'dumb',
            DEFAULT_LOCALE: 'en-US',
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      running.push(child);
      let out = '';
      const prompts = () => out.split('you> ').length - 1;
      const waitForPrompt = async (count: number) => {
        while (prompts() < count) {
          if (child.exitCode !== null) throw new Error(`exited early:\n${out}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await waitForPrompt(1);
      child.stdin.write('/intune-err 0x80cf6008\r');
      await waitForPrompt(2);
      child.stdin.write('exit\r');
      expect(await exited).toBe(0);
      expect(out).toContain('intune-err console:');
      expect(out).toContain('answers in en-US');
      expect(out).toContain('0x80CF6008 OM_E_DM_FAILTOCONNECTTOBITS');
      expect(out).toContain('(only visible to you)');
    },
  );
});
