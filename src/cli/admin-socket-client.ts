import net from 'node:net';
import { adminSocketPath } from '../api/admin-socket.ts';

/** Asks the server holding the data folder for a backup over its admin socket (admin-socket.ts). */
export function requestBackup(dataDir: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(adminSocketPath(dataDir));
    const chunks: Buffer[] = [];
    socket.on('connect', () => socket.write(`${JSON.stringify({ command: 'backup' })}\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code ?? error.message)),
    );
    socket.on('close', () => {
      const received = Buffer.concat(chunks);
      const end = received.indexOf('\n');
      if (end < 0) return reject(new Error('the server closed the connection without answering'));
      const header = JSON.parse(received.subarray(0, end).toString('utf8')) as {
        ok: boolean;
        bytes?: number;
        error?: string;
      };
      if (!header.ok) return reject(new Error(header.error ?? 'the server refused'));
      const body = received.subarray(end + 1);
      if (body.length !== header.bytes)
        return reject(new Error(`the server sent ${body.length} of ${header.bytes} bytes`));
      resolve(body);
    });
  });
}
