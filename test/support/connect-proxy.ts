import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** Require `Proxy-Authorization: Basic` with these; others get 407. */
  credentials?: { user: string; password: string };
}

/**
 * A corporate proxy in miniature on 127.0.0.1: it tunnels CONNECT requests (how clients reach
 * HTTPS and WSS hosts through a proxy) to the named port on loopback, and nothing else. Since the
 * fake Slack speaks plain HTTP, it can see what passes through each tunnel and keeps the request
 * lines (`POST /api/auth.test`), so a test can tell what went through it and what did not.
 */
export class ConnectProxy {
  /** `host:port` of every tunnel asked for (refused ones included). */
  readonly connects: string[] = [];
  /** Request lines seen inside the tunnels, client to server. */
  readonly carried: string[] = [];
  /** Tunnels refused for want of the right credentials. */
  refused = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly options: ConnectProxyOptions = {}) {}

  /** The proxy's URL, with credentials when given (which may differ from the ones it requires). */
  url(credentials: { user: string; password: string } | undefined = this.options.credentials): string {
    const auth = credentials
      ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`
      : '';
    return `http://${auth}127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((_req, res) => {
      res.writeHead(405, { allow: 'CONNECT' }).end();
    });
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) =>
      this.tunnel(req, client, head),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const target = req.url ?? '';
    this.connects.push(target);
    client.on('error', () => {});
    if (!this.authorised(req)) {
      this.refused += 1;
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const port = Number(target.slice(target.lastIndexOf(':') + 1));
    // Only ever loopback, whatever host was asked for: nothing leaves 127.0.0.1.
    const upstream = connect(port, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) this.forward(head, upstream);
      client.on('data', (chunk: Buffer) => this.forward(chunk, upstream));
      upstream.pipe(client);
    });
    client.on('close', () => {
      upstream.destroy();
      this.sockets.delete(client);
    });
    upstream.on('close', () => {
      client.destroy();
      this.sockets.delete(upstream);
    });
  }

  private forward(chunk: Buffer, upstream: Socket): void {
    for (const match of chunk
      .toString('latin1')
      .matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.1\r$/gm)) {
      this.carried.push(`${match[1]} ${match[2]}`);
    }
    upstream.write(chunk);
  }

  private authorised(req: IncomingMessage): boolean {
    const wanted = this.options.credentials;
    if (!wanted) return true;
    const expected = `Basic ${Buffer.from(`${wanted.user}:${wanted.password}`).toString('base64')}`;
    return req.headers['proxy-authorization'] === expected;
  }
}
