import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { startCommand } from '../scripts/start-command.js';
import type { FakeSlack } from '../test/support/fake-slack.js';
import { sign } from '../test/support/sign.js';
import { freePort, type ServerProcess, spawnServer } from './processes.js';
import type { Signer } from './slack-payloads.js';

/** A bench-only secret and token: nothing here is ever sent beyond 127.0.0.1. */
export const BENCH_SECRET = 'bench-signing-secret-5f0c2a7d9e41b386';
export const BENCH_TOKEN = 'xoxb-0000-0000-benchbenchbenchbenchbench';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const MAIN_JS = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export const signer: Signer = (body) => {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(body, timestamp, BENCH_SECRET),
  };
};

export const botBuilt = () => existsSync(MAIN_JS);

/** The environment both apps get: HTTP mode, loopback only, the fake Slack as Web API. */
function environment(slack: FakeSlack, port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SLACK_BOT_TOKEN: BENCH_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    // Empty, not unset: a developer's .env must not switch the benchmark to Socket Mode.
    SLACK_APP_TOKEN: '',
    // Likewise no proxy from the developer's shell or .env: the fake Slack is on loopback.
    HTTPS_PROXY: '',
    https_proxy: '',
    HTTP_PROXY: '',
    http_proxy: '',
    SLACK_API_URL: slack.apiUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** The bot as it is deployed: `npm start`'s command (its Node flags, dist/main.js), bare Node, no loader. */
export async function startBotProcess(
  slack: FakeSlack,
  extra: NodeJS.ProcessEnv = {},
  cpu?: number,
): Promise<ServerProcess> {
  const port = await freePort();
  const [, ...args] = startCommand(ROOT);
  return spawnServer({ args, env: environment(slack, port, extra), port, cwd: ROOT, cpu });
}

let minimalJs: string | undefined;

/** The smallest Bolt app, compiled to plain JavaScript and started the same way. */
export async function startMinimalProcess(slack: FakeSlack, cpu?: number): Promise<ServerProcess> {
  minimalJs ??= compileForNode('minimal-bolt-app.ts');
  const port = await freePort();
  return spawnServer({ args: [minimalJs], env: environment(slack, port), port, cwd: ROOT, cpu });
}

/**
 * Turns a bench/ TypeScript file into plain JavaScript next to it (bench/.cache/),
 * so that it runs under bare `node` exactly as the bot's built dist/ code does:
 * no loader in either process, nothing to tell them apart but the app itself.
 */
export function compileForNode(file: string): string {
  const source = fileURLToPath(new URL(file, import.meta.url));
  const out = fileURLToPath(new URL(`.cache/${file.replace(/\.ts$/, '.mjs')}`, import.meta.url));
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: source,
  });
  mkdirSync(fileURLToPath(new URL('.cache/', import.meta.url)), { recursive: true });
  writeFileSync(out, outputText);
  return out;
}
