/**
 * Checks the Dockerfile without a Docker engine (CI machines have none).
 *
 * 1. Static rules: Docker's syntax rules through a maintained linter (dockerfile-utils), then this
 *    project's: multi-stage, node:20 slim bases, an unprivileged USER, CMD in exec form
 *    starting `node`, a HEALTHCHECK on /healthz, EXPOSE, a .dockerignore that keeps .env and
 *    node_modules out of the build context, and every COPY source present in that context.
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
 * `npm run check:docker` runs it (KEEP=1 keeps the temporary directory); `.ci/run` runs it after
 * `npm test`. It needs the npm registry for `npm ci` and takes a minute or two, so `npm test` (which
 * must pass offline, quickly) runs only the static rules, in test/scripts/check-dockerfile.test.ts,
 * also on broken Dockerfiles. Apart from `npm ci` reaching the registry, all traffic stays on 127.0.0.1.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from 'dockerfile-utils';
import { FakeSlack } from '../test/support/fake-slack.js';
import { startCommand } from './start-command.js';

/** The repository this script belongs to. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// ---------------------------------------------------------------- types

export interface Instruction {
  /** Upper-cased: FROM, RUN, COPY, … */
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  base: string;
  steps: Instruction[];
}

/** One rule and whether the Dockerfile met it. */
export interface CheckResult {
  ok: boolean;
  rule: string;
}

export interface StaticInput {
  /** The Dockerfile's text. */
  dockerfile: string;
  /** The .dockerignore's text. */
  dockerignore: string;
  /** The build context's directory, for "every COPY source exists"; defaults to the repository. */
  root?: string;
  /** Called with every line of the report as it is made. */
  log?: (line: string) => void;
}

/** What the build and the run need from the Dockerfile, once it parses. */
export interface DockerfilePlan {
  stages: Stage[];
  runStage: Stage;
  /** The run stage's CMD in exec form; undefined when it is in shell form or missing. */
  cmd: string[] | undefined;
  /** The HEALTHCHECK's CMD in exec form, if any. */
  healthCmd: string[] | undefined;
  ignored: (path: string) => boolean;
}

export interface StaticReport {
  results: CheckResult[];
  /** The rules not met (and a parse error, if any). */
  problems: string[];
  /** Undefined when the Dockerfile does not parse. */
  plan: DockerfilePlan | undefined;
}

export interface CheckDockerfileOptions {
  /** The repository to check; defaults to this script's. */
  root?: string;
  /** Keep the temporary directory (the CLI sets it from KEEP=1). */
  keep?: boolean;
  /** Called with every line of the report; silent when not given. */
  log?: (line: string) => void;
}

export interface DockerfileCheckReport {
  results: CheckResult[];
  /** Rules not met and errors met on the way; empty when the Dockerfile passed. */
  problems: string[];
  /** Wall-clock time of the whole check. */
  seconds: number;
  /** The temporary directory (removed unless `keep`). */
  workDir: string | undefined;
  /** What the bot printed, kept when something failed after it started. */
  botOutput: string;
}

/** Collects results and writes each as a report line. */
class Recorder {
  readonly results: CheckResult[] = [];
  readonly problems: string[] = [];
  constructor(readonly say: (line: string) => void) {}

  check(ok: boolean, rule: string): void {
    this.say(`  ${ok ? 'ok  ' : 'FAIL'} ${rule}`);
    this.results.push({ ok, rule });
    if (!ok) this.problems.push(rule);
  }

  fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.problems.push(message);
    this.say(`  FAIL ${message}`);
  }
}

// ---------------------------------------------------------------- parsing

/** Instructions of a Dockerfile: comments and parser directives dropped, continuations joined. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) continue; // comments, also inside a continuation
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== '') {
      const match = /^\s*(\w+)\s+([\s\S]*)$/.exec(current.trim());
      if (!match?.[1] || match[2] === undefined) throw new Error(`cannot parse Dockerfile line: ${current}`);
      instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
    }
    current = '';
  }
  return instructions;
}

/** Splits into stages, each with the steps after its FROM. */
export function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!match?.[1]) throw new Error(`cannot parse FROM ${ins.args}`);
      stages.push({ base: match[1], name: match[2] ?? String(stages.length), steps: [] });
    } else if (ins.keyword === 'ARG' && stages.length === 0) {
      // ARG before FROM: only used in FROM lines, which this check reads literally.
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${ins.keyword} before the first FROM`);
      stage.steps.push(ins);
    }
  }
  return stages;
}

/** JSON exec form (["node", "x"]) as an array; undefined for shell form (a string). */
export function execForm(args: string): string[] | undefined {
  const text = args.trim();
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((p): p is string => typeof p === 'string')
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/** ENV a=b c="d e"  or the legacy ENV a b. */
export function parseEnv(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!/^\S+=/.test(args)) {
    const [key = '', ...rest] = args.split(/\s+/);
    out[key] = rest.join(' ');
    return out;
  }
  for (const m of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const [, key = '', quoted = ''] = m;
    let value = quoted;
    if (value.startsWith('"')) value = JSON.parse(value) as string;
    else if (value.startsWith("'")) value = value.slice(1, -1);
    out[key] = value;
  }
  return out;
}

interface CopyArgs {
  flags: Record<string, string | true>;
  sources: string[];
  dest: string;
}

/** Splits COPY arguments into flags, sources and destination (shell-like words, or JSON form). */
export function parseCopy(args: string): CopyArgs {
  const words = args.split(/\s+/);
  const flags: Record<string, string | true> = {};
  for (let word = words[0]; word?.startsWith('--'); word = words[0]) {
    words.shift();
    const [flag = '', value] = word.slice(2).split('=');
    flags[flag] = value ?? true;
  }
  const list = execForm(words.join(' ')) ?? words;
  return { flags, sources: list.slice(0, -1), dest: list.at(-1) ?? '' };
}

// ---------------------------------------------------------------- .dockerignore

function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
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
export function dockerIgnore(text: string): (path: string) => boolean {
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

/** The build context: every file of the work tree under `root` that .dockerignore lets through. */
function buildContext(root: string, into: string, ignored: (path: string) => boolean): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (ignored(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) cpSync(join(root, path), join(into, path));
    }
  };
  walk('');
}

// ---------------------------------------------------------------- static rules

/**
 * The rules that need no build: reads only the two texts (and, for COPY sources, whether the
 * files exist under `root`). Never throws; a Dockerfile that does not parse is a problem.
 */
export function staticRules(input: StaticInput): StaticReport {
  const rec = new Recorder(input.log ?? (() => {}));
  const plan = staticRulesInto(rec, input);
  return { results: rec.results, problems: rec.problems, plan };
}

function staticRulesInto(rec: Recorder, input: StaticInput): DockerfilePlan | undefined {
  const check = rec.check.bind(rec);
  rec.say('Dockerfile: static rules');
  // Docker's own syntax rules (unknown instructions and flags, a second CMD, bad durations or ports,
  // duplicate stage names) are a maintained linter's; the rules after it are this project's.
  const lint = validate(input.dockerfile);
  check(
    lint.length === 0,
    `the Dockerfile linter (dockerfile-utils) finds nothing${lint.length === 0 ? '' : `: ${lint.map((d) => `line ${d.range.start.line + 1}: ${d.message}`).join('; ')}`}`,
  );
  let stages: Stage[];
  try {
    stages = stagesOf(parseDockerfile(input.dockerfile));
  } catch (error) {
    rec.fail(error);
    return undefined;
  }
  const runStage = stages.at(-1);
  if (!runStage) {
    rec.fail(new Error('the Dockerfile has no FROM'));
    return undefined;
  }
  const last = (keyword: string): Instruction | undefined =>
    runStage.steps.filter((s) => s.keyword === keyword).at(-1);

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
  const start = startCommand(input.root ?? ROOT);
  check(
    JSON.stringify(cmd) === JSON.stringify(start),
    `CMD runs the bot as npm start does, with the same Node flags (${JSON.stringify(start)})`,
  );
  check(!runStage.steps.some((s) => s.keyword === 'ENTRYPOINT'), 'no ENTRYPOINT wraps the CMD');
  const healthcheck = last('HEALTHCHECK');
  const healthCmd = healthcheck ? execForm(healthcheck.args.replace(/^(--\S+\s+)*CMD\s+/, '')) : undefined;
  check(healthcheck?.args.includes('/healthz') === true, 'HEALTHCHECK probes /healthz');
  check(healthCmd !== undefined, 'HEALTHCHECK CMD is in exec form');
  const expose = last('EXPOSE')?.args;
  const runEnv: Record<string, string> = Object.assign(
    {},
    ...runStage.steps.filter((s) => s.keyword === 'ENV').map((s) => parseEnv(s.args)),
  );
  check(expose !== undefined, `EXPOSE names the port (${expose ?? 'none'})`);
  check(
    expose === undefined || runEnv.PORT === undefined || expose.split('/')[0] === runEnv.PORT,
    `EXPOSE matches ENV PORT (${runEnv.PORT})`,
  );
  const ignored = dockerIgnore(input.dockerignore);
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
  // What `docker build` would stop at in a COPY, found before the (slow) build.
  const root = input.root ?? ROOT;
  const absent: string[] = [];
  for (const stage of stages) {
    for (const step of stage.steps) {
      if (step.keyword !== 'COPY' && step.keyword !== 'ADD') continue;
      const { flags, sources } = parseCopy(step.args);
      if (flags.from !== undefined) continue;
      for (const source of sources) {
        if (/[*?[]/.test(source) || /^[a-z]+:\/\//i.test(source)) continue;
        const path = posix.normalize(source).replace(/\/+$/, '');
        if (ignored(path)) absent.push(`${source} (left out by .dockerignore)`);
        else if (!existsSync(join(root, path))) absent.push(`${source} (no such file)`);
      }
    }
  }
  check(
    absent.length === 0,
    `every COPY source is in the build context${absent.length ? ` (missing ${absent.join(', ')})` : ''}`,
  );
  return { stages, runStage, cmd, healthCmd, ignored };
}

// ---------------------------------------------------------------- build and run

interface Built {
  root: string;
  workdir: string;
  env: Record<string, string>;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end without blocking the event loop (the fake Slack keeps answering). */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Exit> {
  return new Promise((done, failed) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.once('error', failed);
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

/** Carries out every stage's steps in its own root under `work`. */
async function build(
  plan: DockerfilePlan,
  work: string,
  context: string,
  npmCache: string,
  say: (line: string) => void,
): Promise<Map<string, Built>> {
  const built = new Map<string, Built>();
  for (const stage of plan.stages) {
    const root = join(work, 'stages', stage.name);
    mkdirSync(root, { recursive: true });
    let workdir = '/';
    const env: Record<string, string> = {};
    const inRoot = (path: string): string => join(root, posix.resolve(workdir, path));
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
          const fromName = typeof flags.from === 'string' ? flags.from : undefined;
          const from = fromName === undefined ? undefined : built.get(fromName);
          if (flags.from !== undefined && from === undefined) {
            throw new Error(`${label}: no stage ${String(flags.from)}`);
          }
          const sourceRoot = from ? from.root : context;
          const target = inRoot(dest);
          for (const source of sources) {
            if (/[*?[]/.test(source)) throw new Error(`${label}: wildcards are not supported by this check`);
            const path = from
              ? join(sourceRoot, posix.resolve('/', source))
              : join(sourceRoot, posix.normalize(source));
            if (!existsSync(path)) {
              throw new Error(
                `${label}: ${source} does not exist in the ${from ? `stage ${fromName}` : 'build context'}`,
              );
            }
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
          const result = await run(form?.[0] ?? 'sh', form ? form.slice(1) : ['-c', step.args], {
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
          });
          if (result.code !== 0) {
            throw new Error(
              `${label}: exit ${result.code ?? result.signal}\n${result.stdout}\n${result.stderr}`,
            );
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
      say(`  ${label} (${seconds(t0)})`);
    }
    built.set(stage.name, { root, workdir, env });
  }
  return built;
}

/** What the run stage holds: production dependencies only, the built catalog, no .env, no sources. */
function checkImage(rec: Recorder, root: string, image: Built): void {
  const check = rec.check.bind(rec);
  const app = join(image.root, image.workdir);
  rec.say('\nDockerfile: the run stage');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { dev?: boolean }>;
  };
  const devOnly = Object.entries(lock.packages ?? {})
    .filter(([path, meta]) => path.startsWith('node_modules/') && meta.dev === true)
    .map(([path]) => path);
  const leaked = devOnly.filter((path) => existsSync(join(app, path)));
  check(
    leaked.length === 0,
    `no dev dependencies in the image (${devOnly.length} checked${leaked.length ? `; found ${leaked.slice(0, 5).join(', ')}` : ''})`,
  );
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
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
  const files: string[] = [];
  const walk = (dir: string): void => {
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
}

/** Starts the CMD against a fake Slack: /healthz, the HEALTHCHECK, SIGTERM → exit 0. Returns the bot's output. */
async function checkRun(
  rec: Recorder,
  plan: DockerfilePlan,
  image: Built,
  work: string,
  fake: FakeSlack,
  started: (child: ChildProcess) => void,
): Promise<string> {
  const check = rec.check.bind(rec);
  const { cmd, healthCmd } = plan;
  if (!cmd?.[0]) throw new Error('no CMD in exec form to run');
  const app = join(image.root, image.workdir);
  rec.say('\nDockerfile: run its CMD');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: join(work, 'home'),
    ...image.env,
    // As `docker run -e …`: HTTP mode against the local fake Slack, on loopback only.
    SLACK_BOT_TOKEN: 'xoxb-0000-0000-dockercheckdockercheck',
    SLACK_SIGNING_SECRET: 'docker-check-signing-secret',
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  const child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    output += c;
  });
  const exited = new Promise<{ code: number | null | 'still running' }>((done) =>
    child.once('exit', (code) => done({ code })),
  );
  const t0 = performance.now();
  let health: Response | undefined;
  for (;;) {
    if (child.exitCode !== null) break;
    try {
      health = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (health.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 30_000) break;
    await sleep(50);
  }
  const healthBody = health?.status === 200 ? ((await health.json()) as { ok?: unknown } | null) : undefined;
  check(
    health?.status === 200 && healthBody?.ok === true,
    `GET /healthz -> ${health?.status} ${JSON.stringify(healthBody)} (ready after ${Math.round(performance.now() - t0)} ms)`,
  );
  if (healthCmd?.[0]) {
    const probe = await run(healthCmd[0] === 'node' ? process.execPath : healthCmd[0], healthCmd.slice(1), {
      cwd: app,
      env,
      timeoutMs: 10_000,
    });
    check(probe.code === 0, `the HEALTHCHECK command exits 0 (${probe.code ?? probe.signal})`);
  }
  const t1 = performance.now();
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([
    exited,
    new Promise<{ code: 'still running' }>((done) => {
      timer = setTimeout(() => done({ code: 'still running' }), 10_000);
    }),
  ]);
  clearTimeout(timer);
  check(
    exit.code === 0,
    `SIGTERM -> exit ${exit.code} in ${Math.round(performance.now() - t1)} ms (docker stop waits 10 s)`,
  );
  return output;
}

/**
 * The whole check: static rules, then the build in a temporary directory, then the image's
 * contents and its CMD. Never throws: every failure is one of `problems`.
 */
export async function checkDockerfile(options: CheckDockerfileOptions = {}): Promise<DockerfileCheckReport> {
  const t0 = performance.now();
  const root = options.root ?? ROOT;
  const say = options.log ?? (() => {});
  const rec = new Recorder(say);
  let work: string | undefined;
  let child: ChildProcess | undefined;
  let fake: FakeSlack | undefined;
  let botOutput = '';
  try {
    const plan = staticRulesInto(rec, {
      dockerfile: readFileSync(join(root, 'Dockerfile'), 'utf8'),
      dockerignore: readFileSync(join(root, '.dockerignore'), 'utf8'),
      root,
    });
    if (plan) {
      work = mkdtempSync(join(tmpdir(), 'intune-err-docker-'));
      say(`\nDockerfile: build (${plan.stages.length} stages, in ${work})`);
      const context = join(work, 'context');
      buildContext(root, context, plan.ignored);
      rec.check(!existsSync(join(context, '.env')), 'no .env in the build context');

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

      const built = await build(plan, work, context, npmCache, say);
      const image = built.get(plan.runStage.name);
      if (!image) throw new Error(`stage ${plan.runStage.name} was not built`);
      checkImage(rec, root, image);
      fake = await new FakeSlack().start();
      fake.keepCalls = false;
      botOutput = await checkRun(rec, plan, image, work, fake, (c) => {
        child = c;
      });
      if (rec.problems.length > 0) say(`\nbot output:\n${botOutput}`);
    }
  } catch (error) {
    rec.fail(error);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake?.stop();
    if (work !== undefined) {
      if (options.keep) say(`kept ${work}`);
      else rmSync(work, { recursive: true, force: true });
    }
  }
  const report: DockerfileCheckReport = {
    results: rec.results,
    problems: rec.problems,
    seconds: (performance.now() - t0) / 1000,
    workDir: work,
    botOutput,
  };
  say(
    `\nDockerfile check: ${report.problems.length === 0 ? 'passed' : `${report.problems.length} problem(s)`} in ${seconds(t0)}`,
  );
  return report;
}

// ---------------------------------------------------------------- CLI

function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(resolve(entry)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const report = await checkDockerfile({
    keep: Boolean(process.env.KEEP),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.exitCode = report.problems.length === 0 ? 0 : 1;
}
