/**
 * Slack's Web API, in memory, for console mode: the real Bolt app and listeners
 * run unchanged, and what they send to Slack is handed to the terminal instead.
 * Installed as the Web API client's (and Bolt's `respond`) `fetch`: nothing leaves the process.
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

export interface InProcessSlackOptions {
  botUserId: string;
  botId: string;
  userId: string;
  teamId: string;
  locale: string;
  onOutput: (output: ConsoleOutput) => void;
}

export class InProcessSlack {
  private readonly options: InProcessSlackOptions;
  private readonly history: ConsoleMessage[] = [];
  private readonly users = new Map<string, { locale: string; name: string }>();
  private clock = Math.floor(Date.now() / 1000);
  private sequence = 0;

  constructor(options: InProcessSlackOptions) {
    this.options = options;
  }

  /** A new message timestamp, unique and increasing, in Slack's "seconds.micro" form. */
  nextTs(): string {
    this.sequence += 1;
    return `${this.clock}.${String(this.sequence).padStart(6, '0')}`;
  }

  /** A person users.info knows: their Slack language and name. */
  setUser(id: string, user: { locale: string; name: string }): void {
    this.users.set(id, user);
  }

  /** Records what the console's user wrote, so thread reads (conversations.replies) see it. */
  addUserMessage(message: Omit<ConsoleMessage, 'ephemeral' | 'blocks'>): void {
    this.history.push({ ...message, blocks: [], ephemeral: false });
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = parseBody(init);
    if (url.startsWith(CONSOLE_RESPONSE_URL)) return json(this.respond(body));
    if (!url.startsWith(CONSOLE_API_URL)) return json({ ok: false, error: 'console_has_no_network' });
    return json(this.call(url.slice(CONSOLE_API_URL.length), body));
  };

  private call(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const { botUserId, botId, userId, teamId, locale } = this.options;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: botUserId,
          bot_id: botId,
          team_id: teamId,
          user: 'intune-err',
          team: 'console',
        };
      case 'users.info': {
        const id = String(args.user ?? userId);
        const user = this.users.get(id);
        return {
          ok: true,
          user: { id, name: user?.name ?? 'you', locale: user?.locale ?? locale, is_bot: false },
        };
      }
      case 'conversations.replies': {
        const ts = String(args.ts ?? '');
        const thread = this.history.filter(
          (m) => m.channel === args.channel && !m.ephemeral && (m.ts === ts || m.threadTs === ts),
        );
        return { ok: true, messages: thread.map(toSlackMessage), has_more: false };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const message: ConsoleMessage = {
          channel: String(args.channel ?? ''),
          ts: this.nextTs(),
          threadTs: args.thread_ts === undefined ? undefined : String(args.thread_ts),
          user: botUserId,
          text: String(args.text ?? ''),
          blocks: parseBlocks(args.blocks),
          ephemeral: method === 'chat.postEphemeral',
        };
        if (!message.ephemeral) this.history.push(message);
        this.options.onOutput({ type: 'message', message });
        return method === 'chat.postEphemeral'
          ? { ok: true, message_ts: message.ts }
          : { ok: true, channel: message.channel, ts: message.ts, message: toSlackMessage(message) };
      }
      case 'chat.delete': {
        const at = this.history.findIndex((m) => m.channel === args.channel && m.ts === args.ts);
        if (at < 0) return { ok: false, error: 'message_not_found' };
        this.history.splice(at, 1);
        this.options.onOutput({ type: 'deleted', channel: String(args.channel), ts: String(args.ts) });
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'chat.update': {
        const found = this.history.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!found) return { ok: false, error: 'message_not_found' };
        found.text = String(args.text ?? found.text);
        found.blocks = parseBlocks(args.blocks);
        this.options.onOutput({ type: 'updated', message: found });
        return { ok: true, channel: found.channel, ts: found.ts };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** A post to a response_url: shown like a message; `in_channel` ones become part of the channel. */
  private respond(args: Record<string, unknown>): Record<string, unknown> {
    // Share in channel ends by deleting the private original; a terminal cannot take printed lines back.
    if (args.delete_original === true) return { ok: true };
    const message: ConsoleMessage = {
      channel: 'console',
      ts: this.nextTs(),
      threadTs: undefined,
      user: this.options.botUserId,
      text: String(args.text ?? ''),
      blocks: parseBlocks(args.blocks),
      ephemeral: args.response_type !== 'in_channel',
    };
    if (!message.ephemeral) this.history.push(message);
    this.options.onOutput({ type: 'message', message });
    return { ok: true };
  }
}

function toSlackMessage(m: ConsoleMessage) {
  return {
    type: 'message',
    user: m.user,
    text: m.text,
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  };
}

function parseBody(init: RequestInit | undefined): Record<string, unknown> {
  const raw = init?.body;
  if (typeof raw !== 'string') return {};
  const trimmed = raw.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

function parseBlocks(blocks: unknown): unknown[] {
  if (Array.isArray(blocks)) return blocks;
  if (typeof blocks !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(blocks);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}
