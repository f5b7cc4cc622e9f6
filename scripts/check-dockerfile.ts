#!/usr/bin/env node
/**
 * Checks the Dockerfile without a Docker engine (CI machines have none).
 *
 * 1. Static rules: multi-stage, node:20 slim bases, an unprivileged USER, CMD in exec form
 *    starting `node`, a HEALTHCHECK on /healthz, EXPOSE, and a .dockerignore that keeps
 *    .env and node_modules out of the build context.
 * 2. The build, as Docker would run it, read from the Dockerfile itself: the build context is
 *    the work tree filtered by .dockerignore; each stage gets its own empty root in a temporary
 *    directory; WORKDIR, ENV, COPY (also --from=<stage>) and RUN are carried out in order. A
 *    COPY of a missing file, a failing RUN or a step that needs something the stage lacks fails
 *    here as it would in `docker build`.
 * 3. The run: the last stage's CMD is started from its WORKDIR with its ENV plus HTTP-mode Slack
 *    variables pointing at a local fake Slack on 127.0.0.1; GET /healthz must answer 200
 *    {"ok":true}, the HEALTHCHECK command must exit 0, and SIGTERM must end it with status 0.
 *    The image must hold no dev dependencies and no .env.
 *
 * Differences from Docker, by necessity: commands run as the current user on this machine's
 * Node and npm (not the image's), and paths inside RUN commands must be relative to WORKDIR.
 * npm uses a private cache (seeded from yours by hard links when possible), so
 * `npm cache clean --force` in the Dockerfile never touches your own.
 *
 * Usage: node scripts/check-dockerfile.mjs   (KEEP=1 keeps the temporary directory)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
const problems = [];
const say = (text) => process.stdout.write(`${text}\n`);
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
function check(ok, rule) {
  say(`  ${ok ? 'ok  ' : 'FAIL'} ${rule}`);
  if (!ok) problems.push(rule);
}

// ---------------------------------------------------------------- parsing

/** Instructions of a Dockerfile: comments and parser directives dropped, continuations joined. */
export function parseDockerfile(text) {
  const instructions = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (current === '' && /^\s*#/.test(line)) continue;
    if (current !== '' && /^\s*#/.test(line)) continue; // comments inside a continuation
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') {
      const match = /^\s*(\w+)\s+([\s\S]*)$/.exec(current.trim());
      if (!match) throw new Error(`cannot parse Dockerfile line: ${current}`);
      instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
    }
    current = '';
  }
  return instructions;
}

/** Splits into stages: { name, base, steps[] }. */
function stagesOf(instructions) {
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!match) throw new Error(`cannot parse FROM ${ins.args}`);
      stages.push({ base: match[1], name: match[2] ?? String(stages.length), steps: [] });
    } else if (ins.keyword === 'ARG' && stages.length === 0) {
      // ARG before FROM: only used in FROM lines, which this check reads literally.
    } else {
      if (stages.length === 0) throw new Error(`${ins.keyword} before the first FROM`);
      stages[stages.length - 1].steps.push(ins);
    }
  }
  return stages;
}

/** JSON exec form (["node", "x"]) or shell form (a string). */
function execForm(args) {
  const text = args.trim();
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** ENV a=b c="d e"  or the legacy ENV a b. */
function parseEnv(args) {
  const out = {};
  if (!/^\S+=/.test(args)) {
    const [key, ...rest] = args.split(/\s+/);
    out[key] = rest.join(' ');
    return out;
  }
  for (const m of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    let value = m[2];
    if (value.startsWith('"')) value = JSON.parse(value);
    else if (value.startsWith("'")) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

/** Splits COPY arguments into flags, sources and destination (shell-like words, or JSON form). */
function parseCopy(args) {
  const words = args.split(/\s+/);
  const flags = {};
  while (words[0]?.startsWith('--')) {
    const [flag, value] = words.shift().slice(2).split('=');
    flags[flag] = value ?? true;
  }
  const json = execForm(words.join(' '));
  const list = json ?? words;
  return { flags, sources: list.slice(0, -1), dest: list[list.length - 1] };
}

// ---------------------------------------------------------------- .dockerignore

function globToRegExp(pattern) {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i += 1;
      if (pattern[i + 1] === '/') i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Docker's rule: the last matching pattern wins; a pattern matching a directory covers what is in it. */
export function dockerIgnore(text) {
  const rules = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''));
      return { negate, re: globToRegExp(pattern) };
    });
  return (path) => {
    const parts = path.split('/');
    let ignored = false;
    for (const { negate, re } of rules) {
      for (let n = 1; n <= parts.length; n++) {
        if (re.test(parts.slice(0, n).join('/'))) {
          ignored = !negate;
          break;
        }
      }
    }
    return ignored;
  };
}

/** The build context: every file of the work tree that .dockerignore lets through. */
function buildContext(into, ignored) {
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (ignored(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) cpSync(join(ROOT, path), join(into, path));
    }
  };
  walk('');
}

// ---------------------------------------------------------------- static rules

const dockerfileText = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const instructions = parseDockerfile(dockerfileText);
const stages = stagesOf(instructions);
const runStage = stages[stages.length - 1];
const last = (keyword) => runStage.steps.filter((s) => s.keyword === keyword).at(-1);

say('Dockerfile: static rules');
check(stages.length >= 2, `multi-stage build (${stages.map((s) => s.name).join(' -> ')})`);
for (const stage of stages) {
  check(
    /^node:20(\.\d+){0,2}-(\w+-)?slim(@sha256:[0-9a-f]+)?$/.test(stage.base),
    `stage ${stage.name} is based on node:20 slim (${stage.base})`,
  );
}
const user = last('USER')?.args;
check(
  user !== undefined && !/^(root|0)(:|$)/.test(user),
  `the image runs as an unprivileged USER (${user ?? 'none'})`,
);
const cmd = execForm(last('CMD')?.args ?? '');
check(cmd !== undefined, 'CMD is in exec form (a JSON array), so the bot is PID 1 and gets SIGTERM');
check(cmd?.[0] === 'node', `CMD starts node directly, not npm or a shell (${JSON.stringify(cmd)})`);
check(!runStage.steps.some((s) => s.keyword === 'ENTRYPOINT'), 'no ENTRYPOINT wraps the CMD');
const healthcheck = last('HEALTHCHECK');
const healthCmd = healthcheck ? execForm(healthcheck.args.replace(/^(--\S+\s+)*CMD\s+/, '')) : undefined;
check(healthcheck?.args.includes('/healthz') === true, 'HEALTHCHECK probes /healthz');
check(healthCmd !== undefined, 'HEALTHCHECK CMD is in exec form');
const expose = last('EXPOSE')?.args;
const runEnv = Object.assign(
  {},
  ...runStage.steps.filter((s) => s.keyword === 'ENV').map((s) => parseEnv(s.args)),
);
check(expose !== undefined, `EXPOSE names the port (${expose ?? 'none'})`);
check(
  expose === undefined || runEnv.PORT === undefined || expose.split('/')[0] === runEnv.PORT,
  `EXPOSE matches ENV PORT (${runEnv.PORT})`,
);
const ignored = dockerIgnore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
for (const path of [
  '.env',
  '.env.local',
  '.env.production',
  'node_modules',
  'node_modules/pino/package.json',
  '.git',
]) {
  check(ignored(path), `.dockerignore keeps ${path} out of the build context`);
}
check(
  !ignored('src/main.ts') && !ignored('package-lock.json'),
  '.dockerignore lets the sources and the lockfile in',
);

// ---------------------------------------------------------------- build

const work = mkdtempSync(join(tmpdir(), 'intune-err-docker-'));
let child;
let fake;
try {
  say(`\nDockerfile: build (${stages.length} stages, in ${work})`);
  const context = join(work, 'context');
  buildContext(context, ignored);
  check(!existsSync(join(context, '.env')), 'no .env in the build context');

  // npm's cache, private to this check; seeded from the user's by hard links (content-addressed, never rewritten).
  const npmCache = join(work, 'npm-cache');
  const userCache = join(homedir(), '.npm', '_cacache');
  mkdirSync(npmCache, { recursive: true });
  if (existsSync(userCache)) {
    try {
      execFileSync('cp', ['-al', userCache, join(npmCache, '_cacache')], { stdio: 'ignore' });
    } catch {
      // Another file system: npm downloads what it needs.
    }
  }

  const built = new Map();
  for (const stage of stages) {
    const root = join(work, 'stages', stage.name);
    mkdirSync(root, { recursive: true });
    let workdir = '/';
    const env = {};
    const inRoot = (path) => join(root, posix.resolve(workdir, path));
    for (const step of stage.steps) {
      const t0 = performance.now();
      const label = `[${stage.name}] ${step.keyword} ${step.args}`;
      switch (step.keyword) {
        case 'WORKDIR':
          workdir = posix.resolve(workdir, step.args);
          mkdirSync(inRoot('.'), { recursive: true });
          break;
        case 'ENV':
          Object.assign(env, parseEnv(step.args));
          break;
        case 'COPY':
        case 'ADD': {
          const { flags, sources, dest } = parseCopy(step.args);
          const from = flags.from === undefined ? undefined : built.get(flags.from);
          if (flags.from !== undefined && from === undefined)
            throw new Error(`${label}: no stage ${flags.from}`);
          const sourceRoot = from ? from.root : context;
          const target = inRoot(dest);
          for (const source of sources) {
            if (/[*?[]/.test(source)) throw new Error(`${label}: wildcards are not supported by this check`);
            const path = from
              ? join(sourceRoot, posix.resolve('/', source))
              : join(sourceRoot, posix.normalize(source));
            if (!existsSync(path))
              throw new Error(
                `${label}: ${source} does not exist in the ${from ? `stage ${flags.from}` : 'build context'}`,
              );
            if (statSync(path).isDirectory()) {
              // Docker copies a directory's contents, not the directory itself.
              cpSync(path, target, { recursive: true, verbatimSymlinks: true });
            } else {
              const into = dest.endsWith('/') || sources.length > 1 ? join(target, basename(source)) : target;
              mkdirSync(dirname(into), { recursive: true });
              cpSync(path, into);
            }
          }
          break;
        }
        case 'RUN': {
          const form = execForm(step.args);
          const result = spawnSync(form ? form[0] : 'sh', form ? form.slice(1) : ['-c', step.args], {
            cwd: inRoot('.'),
            env: {
              PATH: process.env.PATH,
              HOME: join(work, 'home'),
              npm_config_cache: npmCache,
              npm_config_update_notifier: 'false',
              npm_config_fund: 'false',
              npm_config_audit: 'false',
              ...env,
            },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          if (result.status !== 0) {
            throw new Error(`${label}: exit ${result.status}\n${result.stdout}\n${result.stderr}`);
          }
          break;
        }
        case 'USER':
        case 'EXPOSE':
        case 'HEALTHCHECK':
        case 'CMD':
        case 'ENTRYPOINT':
        case 'LABEL':
        case 'ARG':
        case 'STOPSIGNAL':
          break;
        default:
          throw new Error(`${label}: instruction not supported by this check`);
      }
      say(`  ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    built.set(stage.name, { root, workdir, env });
  }

  // ---------------------------------------------------------------- the image's contents

  const image = built.get(runStage.name);
  const app = join(image.root, image.workdir);
  say('\nDockerfile: the run stage');
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  const devOnly = Object.entries(lock.packages ?? {})
    .filter(([path, meta]) => path.startsWith('node_modules/') && meta.dev === true)
    .map(([path]) => path);
  const leaked = devOnly.filter((path) => existsSync(join(app, path)));
  check(
    leaked.length === 0,
    `no dev dependencies in the image (${devOnly.length} checked${leaked.length ? `; found ${leaked.slice(0, 5).join(', ')}` : ''})`,
  );
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const missing = Object.keys(pkg.dependencies ?? {}).filter(
    (d) => !existsSync(join(app, 'node_modules', d)),
  );
  check(
    missing.length === 0,
    `every production dependency is in the image${missing.length ? ` (missing ${missing.join(', ')})` : ''}`,
  );
  check(
    existsSync(join(app, 'dist', 'catalog-cache.json')),
    'the build stored the parsed catalog (dist/catalog-cache.json)',
  );
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else files.push(relative(image.root, join(dir, e.name)));
    }
  };
  walk(image.root);
  check(
    !files.some((f) => /(^|\/)\.env(\.|$)/.test(f) && !f.includes('node_modules/')),
    'no .env file anywhere in the image',
  );
  check(
    !files.some((f) => f.startsWith(`${image.workdir.slice(1)}/src/`)),
    'no TypeScript sources in the image',
  );

  // ---------------------------------------------------------------- run

  say('\nDockerfile: run its CMD');
  fake = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
      const answer =
        method === 'auth.test'
          ? {
              ok: true,
              user_id: 'UBOT00001',
              bot_id: 'BBOT00001',
              team_id: 'T0001',
              user: 'intune-err',
              team: 'Fake',
            }
          : { ok: false, error: 'unknown_method' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const port = await new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  const runEnvFull = {
    PATH: process.env.PATH,
    HOME: join(work, 'home'),
    ...image.env,
    // As `docker run -e …`: HTTP mode against the local fake Slack, on loopback only.
    SLACK_BOT_TOKEN: 'xoxb-000000000000-000000000000-dockercheckdockercheck',
    SLACK_SIGNING_SECRET: 'docker-check-signing-secret',
    SLACK_API_URL: `http://127.0.0.1:${fake.address().port}/api/`,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), {
    cwd: app,
    env: runEnvFull,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => {
    output += c;
  });
  child.stderr.on('data', (c) => {
    output += c;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const t0 = performance.now();
  let health;
  for (;;) {
    if (child.exitCode !== null) break;
    try {
      health = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (health.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 30_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const healthBody = health?.status === 200 ? await health.json() : undefined;
  check(
    health?.status === 200 && healthBody?.ok === true,
    `GET /healthz -> ${health?.status} ${JSON.stringify(healthBody)} (ready after ${Math.round(performance.now() - t0)} ms)`,
  );
  if (healthCmd) {
    const probe = spawnSync(healthCmd[0] === 'node' ? process.execPath : healthCmd[0], healthCmd.slice(1), {
      cwd: app,
      env: runEnvFull,
      timeout: 10_000,
    });
    check(probe.status === 0, `the HEALTHCHECK command exits 0 (${probe.status})`);
  }
  const t1 = performance.now();
  child.kill('SIGTERM');
  const exit = await Promise.race([
    exited,
    new Promise((r) => setTimeout(() => r({ code: 'still running' }), 10_000)),
  ]);
  check(
    exit.code === 0,
    `SIGTERM -> exit ${exit.code} in ${Math.round(performance.now() - t1)} ms (docker stop waits 10 s)`,
  );
  if (problems.length > 0) say(`\nbot output:\n${output}`);
} catch (error) {
  problems.push(String(error?.message ?? error));
  say(`  FAIL ${error?.message ?? error}`);
} finally {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fake?.close();
  fake?.closeAllConnections();
  if (process.env.KEEP) say(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

say(
  `\nDockerfile check: ${problems.length === 0 ? 'passed' : `${problems.length} problem(s)`} in ${elapsed()}`,
);
process.exit(problems.length === 0 ? 0 : 1);
