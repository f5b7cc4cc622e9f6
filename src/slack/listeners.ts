import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
} from '@slack/bolt';

type Handler<Args> = (args: Args & AllMiddlewareArgs) => Promise<void>;

/** Where the listener files register what they answer: the same calls as Bolt's App, one handler each. */
export interface Listeners {
  command(name: string, handler: Handler<SlackCommandMiddlewareArgs>): void;
  event<T extends string>(type: T, handler: Handler<SlackEventMiddlewareArgs<T>>): void;
  action<A extends SlackAction = SlackAction>(
    id: string,
    handler: Handler<SlackActionMiddlewareArgs<A>>,
  ): void;
  shortcut<S extends SlackShortcut = SlackShortcut>(
    id: string,
    handler: Handler<SlackShortcutMiddlewareArgs<S>>,
  ): void;
}

type AnyHandler = Handler<AnyMiddlewareArgs>;

/**
 * Each request type reaches its one handler through one lookup. Registered on Bolt's App, every
 * listener's matchers would run (and its arguments be copied) on every request; here the route is
 * read from the body once and only the handler it names runs, with Bolt's own arguments (ack,
 * respond, client, context) unchanged.
 */
export class ListenerTable implements Listeners {
  private readonly routes = new Map<string, AnyHandler>();

  command(name: string, handler: Handler<SlackCommandMiddlewareArgs>): void {
    this.add(`command:${name}`, handler);
  }

  event<T extends string>(type: T, handler: Handler<SlackEventMiddlewareArgs<T>>): void {
    this.add(`event:${type}`, handler);
  }

  action<A extends SlackAction = SlackAction>(
    id: string,
    handler: Handler<SlackActionMiddlewareArgs<A>>,
  ): void {
    this.add(`block_actions:${id}`, handler);
  }

  shortcut<S extends SlackShortcut = SlackShortcut>(
    id: string,
    handler: Handler<SlackShortcutMiddlewareArgs<S>>,
  ): void {
    this.add(`message_action:${id}`, handler);
  }

  /** The handler for this body, or undefined when none of ours answers it. */
  route(body: Record<string, unknown>): AnyHandler | undefined {
    const key = routeKey(body);
    return key === undefined ? undefined : this.routes.get(key);
  }

  private add(key: string, handler: unknown): void {
    if (this.routes.has(key)) throw new Error(`two handlers for ${key}`);
    this.routes.set(key, handler as AnyHandler);
  }
}

/** What Bolt's matchers would have looked at: the command, the event type, the first action's id, the callback id. */
function routeKey(body: Record<string, unknown>): string | undefined {
  const event = body.event as { type?: unknown } | undefined;
  if (typeof event === 'object' && event !== null) {
    return typeof event.type === 'string' ? `event:${event.type}` : undefined;
  }
  if (typeof body.command === 'string') return `command:${body.command}`;
  if (body.type === 'block_actions' && Array.isArray(body.actions)) {
    const id = (body.actions[0] as { action_id?: unknown } | undefined)?.action_id;
    return typeof id === 'string' ? `block_actions:${id}` : undefined;
  }
  if (body.type === 'message_action' && typeof body.callback_id === 'string') {
    return `message_action:${body.callback_id}`;
  }
  return undefined;
}
