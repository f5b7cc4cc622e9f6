import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InProcessSlack, parseArgs } from '../../src/console/in-process-slack.js';

export type { RecordedCall, Scripted } from '../../src/console/in-process-slack.js';

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  /** users.info locale per user id; users not listed have no locale. */
  locales?: Record<string, string>;
  /** conversations.replies messages per thread ts. */
  threads?: Record<string, Record<string, unknown>[]>;
}

/**
 * The console's in-memory Slack (src/console/in-process-slack.ts) served over HTTP on 127.0.0.1,
 * so end-to-end tests reach it through SLACK_API_URL and real response_urls, and assert on what the
 * bot sent. Recording, answers and scripted faults are the in-memory Slack's; this adds the socket.
 */
export class FakeSlack extends InProcessSlack {
  private server: Server | undefined;
  port = 0;

  constructor(options: FakeSlackOptions = {}) {
    // A fixed clock: message timestamps are the same from run to run.
    super({ ...options, clockSeconds: 1_764_000_000 });
  }

  override get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  override responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Waits until `count` calls of `method` (a prefix such as 'response/' works) arrived, or fails after `timeoutMs`. */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<FakeSlack['calls']> {
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

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const method = path.startsWith('/api/') ? path.slice(5) : path.slice(1);
        const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
        const reply = await this.reply(method, args, req.headers);
        if (reply.destroy) {
          req.socket.destroy();
        } else {
          res.writeHead(reply.status, reply.headers);
          res.end(JSON.stringify(reply.body));
        }
        this.onAnswered?.(reply.call);
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
}
