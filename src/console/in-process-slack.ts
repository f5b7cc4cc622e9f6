import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Slack's Web API (and response_urls), in memory: the one stand-in for Slack the project has.
 * Console mode installs `fetch` as the Web API client's (and so Bolt's `respond`), so the real Bolt
 * app and listeners run unchanged and nothing leaves the process; what they send is handed to the
 * terminal. The tests serve the same object over HTTP on 127.0.0.1 (test/support/fake-slack.ts) and
 * use what it keeps: every call as Slack would have received it, and answers scripted per method
 * (Slack errors, HTTP statuses, delays, dropped connections).
 */

export const CONSOLE_API_URL = 'http://console.invalid/api/';
export const CONSOLE_RESPONSE_URL = 'http://console.invalid/response/';

export interface ConsoleMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  user: string;
  text: string;
  blocks: unknown[];
  /** Only the console's user sees it (slash command answers, shortcuts). */
  ephemeral: boolean;
}

export type ConsoleOutput =
  | { type: 'message'; message: ConsoleMessage }
  | { type: 'deleted'; channel: string; ts: string }
  | { type: 'updated'; message: ConsoleMessage };

/** One call the bot made, as Slack would have received it. */
export interface RecordedCall {
  /** The Web API method, or `response/<id>` for a post to a response_url. */
  method: string;
  /** Parsed form or JSON body. Objects Slack gets as JSON strings (blocks) are parsed too. */
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  at: number;
  /** HTTP status of the answer; undefined while pending or when the connection was dropped. */
  status?: number;
  /** True when the answer was 200 with `ok: true`: the call really did what it asked. */
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

/** What a call gets: an HTTP answer, or a dropped connection. */
export type Reply = { call: RecordedCall } & (
  | { destroy: true }
  | { destroy?: false; status: number; headers: Record<string, string>; body: Record<string, unknown> }
);

export interface InProcessSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  teamName?: string;
  /** users.info without a `user`: who is asking (the console's user). */
  userId?: string;
  /** users.info locale for users with none of their own; unset: such users have no locale. */
  locale?: string;
  /** users.info locale per user id. */
  locales?: Record<string, string>;
  /** conversations.replies messages per thread ts (ahead of any history). */
  threads?: Record<string, Record<string, unknown>[]>;
  /**
   * Keep what was posted, as a channel would: conversations.replies reads it, and chat.delete and
   * chat.update need the message to be there. Off, nothing is kept but the record of calls.
   */
  history?: boolean;
  /** The seconds part of the first message ts; default now. */
  clockSeconds?: number;
  /** Called with each message posted, deleted or updated (the console prints them). */
  onOutput?: (output: ConsoleOutput) => void;
}

type Settings = Required<Omit<InProcessSlackOptions, 'userId' | 'locale' | 'onOutput'>> &
  Pick<InProcessSlackOptions, 'userId' | 'locale' | 'onOutput'>;

export class InProcessSlack {
  readonly calls: RecordedCall[] = [];
  readonly options: Settings;
  /**
   * Called once a call has been answered (status and ok set) or, when scripted to, dropped without
   * an answer (status undefined), e.g. by a soak test that keeps no record.
   */
  onAnswered: ((call: RecordedCall) => void) | undefined;
  /** False: calls are not kept in `calls` (a long soak would grow memory without bound). */
  keepCalls = true;
  private readonly scripts = new Map<
    string,
    { answer: Scripted; when?: (call: RecordedCall) => boolean }[]
  >();
  private readonly history: ConsoleMessage[] = [];
  private readonly users = new Map<string, { locale: string; name: string }>();
  private sequence = 0;

  constructor(options: InProcessSlackOptions = {}) {
    this.options = {
      botUserId: options.botUserId ?? 'UBOT00001',
      botId: options.botId ?? 'BBOT00001',
      teamId: options.teamId ?? 'T0000FAKE',
      teamName: options.teamName ?? 'Fake',
      locales: options.locales ?? {},
      threads: options.threads ?? {},
      history: options.history ?? false,
      clockSeconds: options.clockSeconds ?? Math.floor(Date.now() / 1000),
      ...(options.userId === undefined ? {} : { userId: options.userId }),
      ...(options.locale === undefined ? {} : { locale: options.locale }),
      ...(options.onOutput === undefined ? {} : { onOutput: options.onOutput }),
    };
  }

  /** Where the Web API client sends its calls (SLACK_API_URL). */
  get apiUrl(): string {
    return CONSOLE_API_URL;
  }

  /** A response_url; posts to it are recorded as `response/<id>`. */
  responseUrl(id: string): string {
    return `${CONSOLE_RESPONSE_URL}${id}`;
  }

  /** A new message timestamp, unique and increasing, in Slack's "seconds.micro" form. */
  nextTs(): string {
    this.sequence += 1;
    return `${this.options.clockSeconds}.${String(this.sequence).padStart(6, '0')}`;
  }

  /** A person users.info knows: their Slack language and name. */
  setUser(id: string, user: { locale: string; name: string }): void {
    this.users.set(id, user);
  }

  /** Records what the console's user wrote, so thread reads (conversations.replies) see it. */
  addUserMessage(message: Omit<ConsoleMessage, 'ephemeral' | 'blocks'>): void {
    this.history.push({ ...message, blocks: [], ephemeral: false });
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

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Calls that deliver something to a person: posts, ephemerals and response_url posts. */
  deliveries(): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' ||
        c.method === 'chat.postEphemeral' ||
        c.method.startsWith('response/'),
    );
  }

  /** Deliveries that Slack would really have shown someone: answered 200 with ok: true. */
  delivered(): RecordedCall[] {
    return this.deliveries().filter((c) => c.ok === true);
  }

  reset(): void {
    this.calls.length = 0;
    this.scripts.clear();
    this.history.length = 0;
  }

  /**
   * Records a call and works out its answer: a scripted one if one waits for it (after its delay),
   * otherwise what Slack would say. The transport sends it, then calls onAnswered.
   */
  async reply(method: string, args: Record<string, unknown>, headers: IncomingHttpHeaders): Promise<Reply> {
    const call: RecordedCall = { method, args, headers, at: Date.now() };
    if (this.keepCalls) this.calls.push(call);
    const list = this.scripts.get(method);
    const pick = list?.findIndex((entry) => entry.when === undefined || entry.when(call)) ?? -1;
    const scripted = pick >= 0 ? list?.splice(pick, 1)[0]?.answer : undefined;
    if (scripted) call.scripted = scripted;
    if (scripted?.delayMs) await sleep(scripted.delayMs);
    if (scripted?.destroy) return { call, destroy: true };
    const body = scripted?.body ?? this.answer(method, args);
    const status = scripted?.status ?? 200;
    call.status = status;
    call.ok = status === 200 && body.ok === true;
    return { call, status, headers: { 'content-type': 'application/json', ...scripted?.headers }, body };
  }

  /** The Web API client's `fetch` in console mode: in-process URLs only. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = url.startsWith(CONSOLE_RESPONSE_URL)
      ? `response/${url.slice(CONSOLE_RESPONSE_URL.length)}`
      : url.startsWith(CONSOLE_API_URL)
        ? url.slice(CONSOLE_API_URL.length)
        : undefined;
    if (method === undefined) return json(200, { ok: false, error: 'console_has_no_network' });
    const headers = headersOf(init?.headers);
    const raw = typeof init?.body === 'string' ? init.body : '';
    const reply = await this.reply(method, parseArgs(raw, String(headers['content-type'] ?? '')), headers);
    if (reply.destroy) {
      this.onAnswered?.(reply.call);
      throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    }
    const response = json(reply.status, reply.body, reply.headers);
    this.onAnswered?.(reply.call);
    return response;
  };

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const { botUserId, botId, teamId, teamName, threads } = this.options;
    if (method.startsWith('response/')) return this.respond(args);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack/',
          team: teamName,
          user: 'intune-err',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case 'users.info': {
        const id = String(args.user ?? this.options.userId ?? '');
        const known = this.users.get(id);
        const locale = known?.locale ?? this.options.locales[id] ?? this.options.locale;
        return {
          ok: true,
          user: { id, name: known?.name ?? id.toLowerCase(), is_bot: false, ...(locale ? { locale } : {}) },
        };
      }
      case 'conversations.replies': {
        const ts = String(args.ts ?? '');
        const scripted = threads[ts];
        if (scripted) return { ok: true, messages: scripted, has_more: false };
        const thread = this.history.filter(
          (m) => m.channel === args.channel && !m.ephemeral && (m.ts === ts || m.threadTs === ts),
        );
        return { ok: true, messages: thread.map((m) => this.toSlackMessage(m)), has_more: false };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const message = this.posted(args, method === 'chat.postEphemeral');
        return message.ephemeral
          ? { ok: true, message_ts: message.ts }
          : { ok: true, channel: message.channel, ts: message.ts, message: this.toSlackMessage(message) };
      }
      case 'chat.delete': {
        if (this.options.history) {
          const at = this.history.findIndex((m) => m.channel === args.channel && m.ts === args.ts);
          if (at < 0) return { ok: false, error: 'message_not_found' };
          this.history.splice(at, 1);
        }
        this.options.onOutput?.({ type: 'deleted', channel: String(args.channel), ts: String(args.ts) });
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'chat.update': {
        if (this.options.history) {
          const found = this.history.find((m) => m.channel === args.channel && m.ts === args.ts);
          if (!found) return { ok: false, error: 'message_not_found' };
          found.text = String(args.text ?? found.text);
          found.blocks = parseBlocks(args.blocks);
          this.options.onOutput?.({ type: 'updated', message: found });
        }
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'apps.connections.open':
        return { ok: false, error: 'not_scripted' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** A message the bot posted: kept (with history on) and shown. */
  private posted(args: Record<string, unknown>, ephemeral: boolean): ConsoleMessage {
    const message: ConsoleMessage = {
      channel: String(args.channel ?? ''),
      ts: this.nextTs(),
      threadTs: args.thread_ts === undefined ? undefined : String(args.thread_ts),
      user: this.options.botUserId,
      text: String(args.text ?? ''),
      blocks: parseBlocks(args.blocks),
      ephemeral,
    };
    if (this.options.history && !ephemeral) this.history.push(message);
    this.options.onOutput?.({ type: 'message', message });
    return message;
  }

  /** A post to a response_url: shown like a message; `in_channel` ones become part of the channel. */
  private respond(args: Record<string, unknown>): Record<string, unknown> {
    // Share in channel ends by deleting the private original; a terminal cannot take printed lines back.
    if (args.delete_original === true) return { ok: true };
    this.posted({ ...args, channel: 'console', thread_ts: undefined }, args.response_type !== 'in_channel');
    return { ok: true };
  }

  private toSlackMessage(m: ConsoleMessage) {
    return {
      type: 'message',
      user: m.user,
      ...(m.user === this.options.botUserId ? { bot_id: this.options.botId } : {}),
      text: m.text,
      ts: m.ts,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    };
  }
}

/** A call's body as Slack reads it: JSON or form fields, with blocks and attachments parsed. */
export function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  let args: Record<string, unknown>;
  try {
    args =
      contentType.includes('json') || raw.trimStart().startsWith('{')
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
        // Left as sent: a test will see it was not valid JSON.
      }
    }
  }
  return args;
}

function parseBlocks(blocks: unknown): unknown[] {
  return Array.isArray(blocks) ? blocks : [];
}

function headersOf(headers: RequestInit['headers']): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  new Headers(headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
