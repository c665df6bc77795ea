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

/**
 * The balancer in a process of its own, so it does not share the load tool's event loop:
 * `node bench/api/balancer.ts URL...` prints `balancing at URL` once it listens.
 */
export async function spawnBalancer(upstreams: readonly string[]) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [import.meta.filename, ...upstreams], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /balancing at (\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`balancer exited (${code})`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (import.meta.main) {
  const balancer = await startBalancer(process.argv.slice(2));
  console.log(`balancing at ${balancer.url}`);
  process.once('SIGTERM', () => void balancer.close().then(() => process.exit(0)));
}
