import type { WebClient } from '@slack/web-api';
import PQueue from 'p-queue';
import type { Logger } from '../log.js';
import type { SlackMessage } from '../render/blocks.js';
import type { StateStore } from '../state/state-store.js';
import { isPlatformError, isTimeout, obeyRateLimits, platformError } from './web-api.js';

export interface OutboxOptions {
  log: Logger;
  /**
   * Slack allows about one message per second per channel; bursts beyond it earn 429s.
   * Measured from the end of one call to the start of the next, so Slack sees them at least
   * this far apart whatever the network's jitter.
   */
  perChannelIntervalMs?: number;
  /** Past this backlog a channel's new work is refused and logged, so one flood cannot grow memory without bound. */
  maxQueuedPerChannel?: number;
  /**
   * Past this many messages waiting or in flight across all channels, new work is refused and
   * logged: a flood spread over many channels is bounded too, not only one in a single channel.
   */
  maxQueuedTotal?: number;
  /** How a 429's Retry-After is waited out: a timer, unless a test injects a pause it controls. */
  waitForRetryAfter?: (ms: number) => Promise<unknown>;
  /**
   * Replicas sharing state: each send first takes the channel's slot across every replica
   * (waiting while another replica holds it) and holds it for the interval once done. Unset: this
   * process alone sends to its channels, and its own queue's pace is enough.
   */
  sharedPace?: Pick<StateStore, 'reservePace' | 'holdPace'>;
}

export interface PostArgs {
  channel: string;
  threadTs?: string;
  message: SlackMessage;
  /** Built only if Slack rejects the blocks: a smaller plain-text answer so the person still gets one. */
  plain: () => SlackMessage;
  /**
   * Called when the message surely was not posted (refused, failed, backlog full), so the caller
   * can take back what it claimed for it. Not called after a timeout: that post may have landed.
   */
  onNotSent?: () => void;
}

/**
 * Every message the bot sends goes through here: one queue per channel paced to
 * Slack's per-channel rate, so a flood in one channel is spread out instead of
 * drawing 429s, and other channels are not held up behind it.
 */
export class Outbox {
  private readonly queues = new Map<string, PQueue>();
  private readonly log: Logger;
  private readonly interval: number;
  private readonly maxQueued: number;
  private readonly maxTotal: number;
  private readonly waitForRetryAfter: ((ms: number) => Promise<unknown>) | undefined;
  private readonly sharedPace: Pick<StateStore, 'reservePace' | 'holdPace'> | undefined;
  private total = 0;
  private refusedCount = 0;
  private drained: (() => void)[] = [];

  constructor({
    log,
    perChannelIntervalMs = 1000,
    maxQueuedPerChannel = 500,
    maxQueuedTotal = 10_000,
    waitForRetryAfter,
    sharedPace,
  }: OutboxOptions) {
    this.sharedPace = sharedPace;
    this.log = log;
    this.interval = perChannelIntervalMs;
    this.maxQueued = maxQueuedPerChannel;
    this.maxTotal = maxQueuedTotal;
    this.waitForRetryAfter = waitForRetryAfter;
  }

  /** Posts a message (in a thread when `threadTs` is set); resolves with its ts, or undefined when it could not be sent. */
  post(client: WebClient, args: PostArgs): Promise<string | undefined> {
    return this.enqueue(args.channel, 'chat.postMessage', args.onNotSent, async () => {
      const send = (m: SlackMessage) =>
        client.chat.postMessage({
          channel: args.channel,
          text: m.text,
          ...(m.blocks.length > 0 ? { blocks: m.blocks } : {}),
          ...(args.threadTs ? { thread_ts: args.threadTs } : {}),
          unfurl_links: false,
          unfurl_media: false,
        });
      const res = await this.withShrink(args, send);
      return res?.ts;
    });
  }

  delete(client: WebClient, channel: string, ts: string): Promise<boolean> {
    return this.enqueue(channel, 'chat.delete', undefined, async () => {
      await client.chat.delete({ channel, ts });
      return true;
    }).then((ok) => ok === true);
  }

  /**
   * Resolves when every queued message has been sent or given up on (shutdown drains with this);
   * it does not wait out the pause after a channel's last message.
   */
  async drain(): Promise<void> {
    if (this.total === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  /** Channels with work queued or in flight (idle channels are forgotten). */
  get channels(): number {
    return this.queues.size;
  }

  /** Messages queued or in flight across all channels. */
  get queued(): number {
    return this.total;
  }

  /** Messages refused so far because a backlog was full (each one also logged). */
  get refused(): number {
    return this.refusedCount;
  }

  /** Waits for the channel's shared send slot, when replicas share one. */
  private async turn(channel: string): Promise<void> {
    const pace = this.sharedPace;
    if (!pace) return;
    for (let wait = await pace.reservePace(channel); wait > 0; wait = await pace.reservePace(channel)) {
      await pause(wait);
    }
  }

  private async withShrink<T>(args: PostArgs, send: (m: SlackMessage) => Promise<T>): Promise<T> {
    try {
      return await send(args.message);
    } catch (error) {
      if (!isPlatformError(error, 'messageRefused')) throw error;
      this.log.warn(
        { channel: args.channel, error: platformError(error) },
        'Slack rejected the message; retrying as plain text',
      );
      return send(args.plain());
    }
  }

  private async enqueue<T>(
    channel: string,
    method: string,
    onNotSent: (() => void) | undefined,
    task: () => Promise<T>,
  ): Promise<T | undefined> {
    const backlog = this.queues.get(channel)?.size ?? 0;
    if (backlog >= this.maxQueued || this.total >= this.maxTotal) {
      this.refusedCount += 1;
      this.log.error(
        {
          channel,
          method,
          queued: backlog,
          total: this.total,
          limit: backlog >= this.maxQueued ? 'maxQueuedPerChannel' : 'maxQueuedTotal',
          refused: this.refusedCount,
        },
        'backlog full; message not sent',
      );
      onNotSent?.();
      return undefined;
    }
    let queue = this.queues.get(channel);
    if (!queue) {
      queue = new PQueue({ concurrency: 1 });
      const created = queue;
      created.on('idle', () => {
        // An idle channel keeps no state: memory stays flat however many channels the bot has seen.
        if (created.size === 0 && created.pending === 0 && this.queues.get(channel) === created)
          this.queues.delete(channel);
      });
      this.queues.set(channel, queue);
    }
    this.total += 1;
    try {
      // The caller gets the answer as soon as Slack gives it; the channel's slot stays taken for
      // the interval after that, so the next message in this channel waits, and others do not.
      const result = new Promise<T>((resolve, reject) => {
        void queue.add(async () => {
          // A 429 holds this channel for as long as Slack says; other channels carry on.
          const waited = (ms: number) =>
            this.log.warn({ channel, method, ms }, 'rate limited by Slack; waiting before retrying');
          await this.turn(channel)
            .then(() => obeyRateLimits(task, waited, this.waitForRetryAfter))
            .then(resolve, reject);
          await this.sharedPace?.holdPace(channel).catch((error: unknown) => {
            this.log.warn({ channel, err: error }, 'could not hold the shared channel pace');
          });
          if (this.interval > 0) await pause(this.interval);
        });
      });
      return await result;
    } catch (error) {
      const code = platformError(error);
      const level = isPlatformError(error, 'nowhereToSend') ? 'warn' : 'error';
      this.log[level]({ channel, method, error: code ?? (error as Error).message }, 'Slack call failed');
      if (!isTimeout(error)) onNotSent?.();
      return undefined;
    } finally {
      this.total -= 1;
      if (this.total === 0) for (const resolve of this.drained.splice(0)) resolve();
    }
  }
}

/** Waits at least `ms` by the monotonic clock (a timer alone may fire a little early under load). */
async function pause(ms: number): Promise<void> {
  const start = performance.now();
  for (let left = ms; left > 0; left = ms - (performance.now() - start)) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}
