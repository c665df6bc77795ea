// A round-robin TCP balancer for the multi-process runs: each client connection goes to the next
// server in turn and stays there (HTTP keep-alive), as HAProxy or nginx in TCP mode would do.
import net from 'node:net';

export async function startBalancer(upstreams: readonly string[]) {
  const targets = upstreams.map((url) => new URL(url));
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const target = targets[next++ % targets.length]!;
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.setNoDelay(true);
    }
    client.pipe(upstream).pipe(client);
    // Either side failing ends both: the load tool counts the error.
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
