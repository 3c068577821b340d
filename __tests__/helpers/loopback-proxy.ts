// An HTTP proxy on 127.0.0.1 for tests, as a self-hosted runner's proxy: CONNECT tunnels (what undici's
// proxy agent opens) and absolute-URI requests. Every target host is reached at 127.0.0.1 on the
// target's port, so a test can give the API a host name that does not resolve (`api.github.invalid`):
// the client reaches it through the proxy or not at all. The targets asked for are recorded.

import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface LoopbackProxy {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** `host:port` of every tunnel or request, in order. */
  targets: string[];
  close(): Promise<void>;
}

export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    // A plain request through the proxy names the whole URL.
    const target = new URL(request.url ?? '/');
    targets.push(target.host);
    const forwarded = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port || 80,
        path: `${target.pathname}${target.search}`,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const authority = request.url ?? '';
    targets.push(authority);
    const port = Number(authority.slice(authority.lastIndexOf(':') + 1));
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The same URL on a host name that only the loopback proxy can reach. */
export function unresolvableHost(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = 'api.github.invalid';
  return parsed.toString().replace(/\/$/, '');
}
