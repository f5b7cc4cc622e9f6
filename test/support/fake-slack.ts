import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the fake Slack, as Slack would have received it. */
export interface RecordedCall {
  method: string;
  /** Parsed form or JSON body. Objects Slack gets as JSON strings (blocks) are parsed too. */
  args: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  at: number;
  /** HTTP status the fake answered with; undefined while pending or when the connection was dropped. */
  status?: number;
  /** True when the fake answered 200 with `ok: true`: the call really did what it asked. */
  ok?: boolean;
  /** The scripted answer (an injected fault) this call got, if it got one rather than normal service. */
  scripted?: Scripted;
}

/** A scripted answer for the next call of a method: a Slack error, an HTTP status, a delay. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  /** users.info locale per user id; users not listed have no locale. */
  locales?: Record<string, string>;
  /** conversations.replies messages per thread ts. */
  threads?: Record<string, Record<string, unknown>[]>;
}

/**
 * A local stand-in for Slack's Web API (and response_urls) on 127.0.0.1 that
 * records every call, so end-to-end tests can assert on what the bot sent.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly options: Required<FakeSlackOptions>;
  private readonly scripts = new Map<
    string,
    { answer: Scripted; when?: (call: RecordedCall) => boolean }[]
  >();
  /**
   * Called once a call has been answered (status and ok set) or, when scripted to, dropped without
   * an answer (status undefined), e.g. by a soak test that keeps no record.
   */
  onAnswered: ((call: RecordedCall) => void) | undefined;
  /** False: calls are not kept in `calls` (a long soak would grow memory without bound). */
  keepCalls = true;
  private server: Server | undefined;
  private tsCounter = 0;
  port = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.options = {
      botUserId: options.botUserId ?? 'UBOT00001',
      botId: options.botId ?? 'BBOT00001',
      locales: options.locales ?? {},
      threads: options.threads ?? {},
    };
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** The next call(s) of `method` get these answers, in order, before normal service resumes. */
  script(method: string, ...answers: Scripted[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...answers.map((answer) => ({ answer }))]);
  }

  /** Like `script`, but only for calls `when` picks (e.g. one channel); other calls are served normally. */
  scriptWhen(method: string, when: (call: RecordedCall) => boolean, ...answers: Scripted[]): void {
    this.scripts.set(method, [
      ...(this.scripts.get(method) ?? []),
      ...answers.map((answer) => ({ answer, when })),
    ]);
  }

  /** Scripted answers not used yet, for one method or all. */
  pendingScripts(method?: string): number {
    if (method !== undefined) return this.scripts.get(method)?.length ?? 0;
    return [...this.scripts.values()].reduce((sum, list) => sum + list.length, 0);
  }

  /** Deliveries that Slack would really have shown someone: answered 200 with ok: true. */
  delivered(): RecordedCall[] {
    return this.deliveries().filter((c) => c.ok === true);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls that deliver something to a person: posts, ephemerals and response_url posts. */
  deliveries(): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        ['chat.postMessage', 'chat.postEphemeral'].includes(c.method) || c.method.startsWith('response/'),
    );
  }

  /** Waits until `count` calls of `method` (a prefix such as 'response/' works) arrived, or fails after `timeoutMs`. */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter(
        (c) => c.method === method || (method.endsWith('/') && c.method.startsWith(method)),
      );
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} ${method} call(s) within ${timeoutMs} ms, got ${found.length}: ${this.calls.map((c) => c.method).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Gives the bot a moment to do anything it (wrongly) still wants to, for "nothing was sent" assertions. */
  async settle(ms = 150): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  reset(): void {
    this.calls.length = 0;
    this.scripts.clear();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const method = path.startsWith('/api/') ? path.slice(5) : path.slice(1);
        const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
        const call: RecordedCall = { method, args, headers: req.headers, at: Date.now() };
        if (this.keepCalls) this.calls.push(call);
        const list = this.scripts.get(method);
        const pick = list?.findIndex((entry) => entry.when === undefined || entry.when(call)) ?? -1;
        const scripted = pick >= 0 ? list?.splice(pick, 1)[0]?.answer : undefined;
        if (scripted) call.scripted = scripted;
        if (scripted?.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
        if (scripted?.destroy) {
          req.socket.destroy();
          this.onAnswered?.(call);
          return;
        }
        const body = scripted?.body ?? this.answer(method, args);
        const status = scripted?.status ?? 200;
        call.status = status;
        call.ok = status === 200 && body.ok === true;
        res.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
        res.end(JSON.stringify(body));
        this.onAnswered?.(call);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1764000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const { botUserId, botId, locales, threads } = this.options;
    if (method.startsWith('response/')) return { ok: true };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack/',
          team: 'Fake',
          user: 'intune-err',
          team_id: 'T0000FAKE',
          user_id: botUserId,
          bot_id: botId,
        };
      case 'users.info': {
        const user = String(args.user ?? '');
        const locale = locales[user];
        return {
          ok: true,
          user: { id: user, name: user.toLowerCase(), is_bot: false, ...(locale ? { locale } : {}) },
        };
      }
      case 'conversations.replies':
        return { ok: true, messages: threads[String(args.ts ?? '')] ?? [], has_more: false };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return {
          ok: true,
          channel: args.channel,
          ts,
          message: { type: 'message', user: botUserId, bot_id: botId, ts, text: args.text },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.delete':
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'apps.connections.open':
        return { ok: false, error: 'not_scripted' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  try {
    args = contentType.includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
  } catch {
    return { _unparsed: raw };
  }
  for (const key of ['blocks', 'attachments']) {
    const value = args[key];
    if (typeof value === 'string') {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // Left as sent: the test will see it was not valid JSON.
      }
    }
  }
  return args;
}
