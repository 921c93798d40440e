// A TCP proxy in front of a database, so a test can make the network misbehave: black-hole it (bytes are held,
// nothing is refused, as when a host or a route disappears) and let it through again.
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** While on, nothing crosses in either direction and new connections wait; off releases what was held. */
  blackhole(on: boolean): void;
  /** The proxy's own ports towards the target: what the target sees as its clients' ports. */
  upstreamPorts(): number[];
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let held: Array<() => void> = [];
  let holding = false;
  const later = (step: () => void) => (holding ? held.push(step) : step());

  /** Forwards `from` to `to`, holding bytes back while the black hole is on. */
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => later(() => to.write(chunk)));
    from.on('end', () => later(() => to.end()));
  };

  const server = createServer((client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    client.pause();
    later(() => {
      const upstream = connect(target.port, target.host);
      upstreams.add(upstream);
      sockets.add(upstream);
      upstream.on('error', () => upstream.destroy());
      upstream.on('close', () => {
        upstreams.delete(upstream);
        sockets.delete(upstream);
        client.destroy();
      });
      client.on('close', () => upstream.destroy());
      forward(client, upstream);
      forward(upstream, client);
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the proxy did not bind');

  return {
    port: address.port,
    blackhole(on) {
      holding = on;
      if (on) return;
      const release = held;
      held = [];
      for (const step of release) step();
    },
    upstreamPorts: () =>
      [...upstreams].flatMap((upstream) => (upstream.localPort === undefined ? [] : [upstream.localPort])),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
