import http from 'node:http';
import { percentile } from './stats.js';

export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  /** Loopback only: the benchmark never leaves the machine. */
  port: number;
  concurrency: number;
  /** At most this many requests… */
  requests: number;
  /** …and no longer than this. */
  maxMs: number;
  /** Builds (and signs) request `i`; called just before it is sent, so timestamps are fresh. */
  make(i: number): LoadRequest;
  /** A request that takes longer is abandoned and counted as failed. */
  timeoutMs?: number;
  /** Sees every response, e.g. to check the answer or note when it arrived. */
  onResponse?(i: number, status: number, body: string, sentAt: number): void;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  /** Completed (any status) per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** True when the time bound, not the request count, ended the run. */
  timedOut: boolean;
  /** Every latency in ms, sorted: for pooling rounds. */
  latencies: number[];
}

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next
 * request as soon as the previous one answers, over keep-alive connections.
 * Latency is from the first byte written to the last byte read.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const deadline = start + options.maxMs;
  let timedOut = false;

  const worker = async () => {
    while (next < options.requests) {
      if (performance.now() >= deadline) {
        timedOut = true;
        return;
      }
      const i = next++;
      const request = options.make(i);
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, options.port, request, options.timeoutMs ?? 5_000);
        latencies.push(performance.now() - sentAt);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
        else failed++;
        options.onResponse?.(i, status, body, sentAt);
      } catch (error) {
        failed++;
        const key = (error as NodeJS.ErrnoException).code ?? 'error';
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const done = latencies.length;
  return {
    sent: next,
    ok,
    failed,
    statuses,
    elapsedMs,
    rps: done / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[done - 1] ?? Number.NaN,
    timedOut,
    latencies,
  };
}

/** One request; `agent` undefined means a fresh connection. */
export function send(
  agent: http.Agent | undefined,
  port: number,
  request: LoadRequest,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: request.path,
        method: 'POST',
        agent,
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** GETs a loopback URL once; resolves to the status, or 0 when nothing answers yet. */
export function probe(port: number, path: string, timeoutMs = 1_000): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export interface OpenLoadOptions {
  port: number;
  /** Spread the requests over these ports in turn (replicas behind a load balancer); default `port`. */
  ports?: readonly number[];
  /** Requests per second, sent on a fixed schedule whatever the server's pace. */
  rate: number;
  /** How many to send in all (the run lasts count / rate seconds). */
  count: number;
  /** Never more than this many in flight: the generator stays bounded if the server stalls. */
  maxInFlight: number;
  make(i: number): LoadRequest;
  timeoutMs?: number;
  onResponse?(i: number, status: number, body: string, sentAt: number): void;
}

export interface OpenLoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** Requests that could not go out on time because `maxInFlight` were waiting. */
  skipped: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * An open-loop generator: request i leaves at start + i / rate, as Slack delivers
 * events, instead of waiting for the previous answer. A slow server then shows
 * as growing latency and a backlog, not as a politely lower rate.
 */
export async function runOpenLoad(options: OpenLoadOptions): Promise<OpenLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  let ok = 0;
  let failed = 0;
  let skipped = 0;
  let sent = 0;
  const start = performance.now();
  const interval = 1000 / options.rate;
  for (let i = 0; i < options.count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (pending.size >= options.maxInFlight) {
      skipped++;
      continue;
    }
    const request = options.make(i);
    const sentAt = performance.now();
    sent++;
    const port = options.ports ? (options.ports[i % options.ports.length] as number) : options.port;
    const job = send(agent, port, request, options.timeoutMs ?? 5_000).then(
      ({ status, body }) => {
        latencies.push(performance.now() - sentAt);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) ok++;
        else failed++;
        options.onResponse?.(i, status, body, sentAt);
      },
      (error: NodeJS.ErrnoException) => {
        failed++;
        const key = error.code ?? 'error';
        statuses[key] = (statuses[key] ?? 0) + 1;
      },
    );
    pending.add(job);
    void job.finally(() => pending.delete(job));
  }
  await Promise.all(pending);
  const elapsedMs = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent,
    ok,
    failed,
    skipped,
    statuses,
    elapsedMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
