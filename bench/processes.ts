import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { probe } from './load.js';

/** Whether `taskset` can pin processes to cores here (Linux with util-linux). */
export function canPin(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** Pins this very process (the load generator and the fake Slack) to one core. */
export function pinSelf(cpu: number): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)]).status === 0;
}

/** A port nothing listens on right now (loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** From spawn to the first 200 on /healthz. */
  readyMs: number;
  /** Resident set size in MB, read from /proc (Linux); NaN elsewhere. */
  rssMB(): number;
  /** CPU time (user + system) the process has used so far, in ms (Linux); NaN elsewhere. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  port: number;
  /** Give up waiting for /healthz after this long. */
  readyTimeoutMs?: number;
  cwd?: string;
  /** Pin the server to this core (Linux `taskset`), so that A and B always run on the same one. */
  cpu?: number;
}

/**
 * Starts a server in a process of its own and waits for `/healthz` to answer 200,
 * polling every millisecond or so: the interval bounds the start-up figure's error.
 */
export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  const started = performance.now();
  const [command, ...args] =
    options.cpu === undefined
      ? [process.execPath, ...options.args]
      : ['taskset', '-c', String(options.cpu), process.execPath, ...options.args];
  const child = spawn(command as string, args, {
    cwd: options.cwd,
    env: options.env,
    // Logs go nowhere: a pipe nobody reads would block the server's writes.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4_000) stderr += chunk.toString('utf8');
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  const deadline = started + (options.readyTimeoutMs ?? 15_000);
  for (;;) {
    if (exited !== undefined)
      throw new Error(`server exited (${exited}) before it was ready: ${stderr.trim()}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${options.readyTimeoutMs ?? 15_000} ms: ${stderr.trim()}`);
    }
    if ((await probe(options.port, '/healthz', 500)) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    port: options.port,
    readyMs,
    rssMB: () => rssOf(child.pid),
    cpuMs: () => cpuOf(child.pid),
    stop: () => stopProcess(child),
  };
}

export function rssOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

// /proc/<pid>/stat counts CPU time in clock ticks; 100 per second on Linux.
const TICKS_PER_SECOND = 100;

export function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** SIGTERM, then SIGKILL if it is still there after 5 s: the benchmark never leaves a server behind. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
