import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** What the app sent back for an envelope: `{ envelope_id, payload? }`, as Slack receives it. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  /** Which connection (1-based) carried it. */
  connection: number;
}

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface EnvelopeOptions {
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  retryReason?: string;
  envelopeId?: string;
}

interface Connection {
  number: number;
  path: string;
  socket: WebSocket;
  closed: Promise<void>;
  isClosed: boolean;
}

/**
 * A local stand-in for Slack's Socket Mode WebSocket endpoint (wss-primary.slack.com/link)
 * on 127.0.0.1. Each connection is greeted with `hello`; `send` delivers an envelope to the
 * newest connection and resolves with the app's ack; `disconnect` asks the app to reconnect,
 * as Slack does before recycling a connection. Everything received is kept in `received`.
 */
export class FakeSocketMode {
  readonly connections: Connection[] = [];
  /** Every frame the app sent, parsed (acks, and anything else it might send). */
  readonly received: Array<Record<string, unknown> & { connection: number }> = [];
  private server: WebSocketServer | undefined;
  private sequence = 0;
  private ticket = 0;
  private readonly ackWaiters = new Map<string, (ack: SocketAck) => void>();
  private readonly connectionWaiters: Array<() => void> = [];
  port = 0;

  /** A fresh connection URL, as apps.connections.open hands out (one per connection). */
  url(): string {
    this.ticket += 1;
    return `ws://127.0.0.1:${this.port}/link/?ticket=fake-ticket-${this.ticket}&app_id=A0INTUNEERR`;
  }

  async start(): Promise<this> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket, request) => {
      const number = this.connections.length + 1;
      let markClosed: () => void = () => {};
      const connection: Connection = {
        number,
        path: request.url ?? '',
        socket,
        isClosed: false,
        closed: new Promise<void>((resolve) => {
          markClosed = resolve;
        }),
      };
      socket.on('close', () => {
        connection.isClosed = true;
        markClosed();
      });
      socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        let frame: Record<string, unknown>;
        try {
          frame = JSON.parse(String(data)) as Record<string, unknown>;
        } catch {
          this.received.push({ unparsed: String(data), connection: number });
          return;
        }
        this.received.push({ ...frame, connection: number });
        const id = frame.envelope_id;
        if (typeof id === 'string') {
          const waiter = this.ackWaiters.get(id);
          this.ackWaiters.delete(id);
          waiter?.({
            envelope_id: id,
            ...(frame.payload === undefined ? {} : { payload: frame.payload as Record<string, unknown> }),
            connection: number,
          });
        }
      });
      this.connections.push(connection);
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0INTUNEERR' },
        }),
      );
      for (const wake of this.connectionWaiters.splice(0)) wake();
    });
    return this;
  }

  /** Waits until the app has opened `count` connections in all. */
  async waitForConnections(count: number, timeoutMs = 15_000): Promise<Connection> {
    const deadline = Date.now() + timeoutMs;
    while (this.connections.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} Socket Mode connection(s), got ${this.connections.length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.connectionWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.connections[count - 1] as Connection;
  }

  /** The newest connection that is still open. */
  current(): Connection {
    const open = this.connections.filter((c) => !c.isClosed);
    const newest = open[open.length - 1];
    if (!newest) throw new Error('no open Socket Mode connection');
    return newest;
  }

  /**
   * Sends one envelope as Slack does and resolves with the app's ack for it
   * (or rejects when no ack came within `timeoutMs`: Slack would then retry).
   */
  send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options: EnvelopeOptions = {},
    timeoutMs = 5000,
  ): Promise<SocketAck> {
    this.sequence += 1;
    const envelopeId = options.envelopeId ?? `fake-envelope-${String(this.sequence).padStart(4, '0')}`;
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
      retry_attempt: options.retryAttempt ?? 0,
      retry_reason: options.retryReason ?? '',
    };
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.ackWaiters.delete(envelopeId);
        reject(new Error(`no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.ackWaiters.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.current().socket.send(JSON.stringify(envelope));
    });
  }

  /** Sends a raw frame (hostile or unknown shapes) to the newest open connection. */
  sendRaw(frame: string): void {
    this.current().socket.send(frame);
  }

  /** Slack's request to reconnect: `warning` ahead of time, `refresh_requested` before it recycles. */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): Connection {
    const connection = this.current();
    connection.socket.send(
      JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }),
    );
    return connection;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
