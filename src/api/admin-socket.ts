import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Store } from '../store/connect.ts';

const adminSocketName = 'earshot.sock';

// Unix socket paths are limited to about 108 bytes.
const maxSocketPath = 100;

interface AdminSocket {
  close(): Promise<void>;
}

/**
 * The running server's door for the local commands that may not open its data folder themselves:
 * `earshot backup` asks here for a consistent copy. A unix socket inside the 0700 data folder, mode
 * 0600: only the folder's owner can connect, and nothing listens on the network.
 *
 * Protocol: the client sends one JSON line `{"command":"backup"}`; the server answers one JSON line
 * (`{"ok":true,"bytes":N}` or `{"ok":false,"error":"…"}`) followed, on success, by N bytes: the
 * gzipped PGlite data folder, taken between two queries (PGlite runs one at a time).
 */
export async function listenAdminSocket(
  dataDir: string,
  store: Store,
  logger: Logger,
): Promise<AdminSocket | undefined> {
  const socketPath = adminSocketPath(dataDir);
  if (socketPath.length > maxSocketPath) {
    logger.warn(
      { socketPath },
      'data folder path too long for the admin socket: `earshot backup` works only while the server is stopped',
    );
    return undefined;
  }
  // We hold the folder's lock, so a socket file left here is a dead server's.
  rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => serve(socket, store, logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

export function adminSocketPath(dataDir: string): string {
  return path.join(dataDir, adminSocketName);
}

function serve(socket: net.Socket, store: Store, logger: Logger): void {
  let request = '';
  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  const onData = (chunk: string) => {
    request += chunk;
    if (!request.includes('\n')) {
      if (request.length > 1000) socket.destroy();
      return;
    }
    socket.off('data', onData);
    void answer(request.slice(0, request.indexOf('\n')));
  };
  socket.on('data', onData);

  async function answer(line: string): Promise<void> {
    try {
      const { command } = JSON.parse(line) as { command?: unknown };
      if (command !== 'backup' || !store.dumpDataDir)
        throw new Error(`unknown command ${String(command)}`);
      const dump = Buffer.from(await (await store.dumpDataDir('gzip')).arrayBuffer());
      socket.write(`${JSON.stringify({ ok: true, bytes: dump.length })}\n`);
      socket.end(dump);
      logger.info({ bytes: dump.length }, 'backup taken for `earshot backup`');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error }, 'admin socket request failed');
      socket.end(`${JSON.stringify({ ok: false, error: message })}\n`);
    }
  }
}
