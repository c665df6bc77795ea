// A relay for the benchmark, in its own process (so the consumer's CPU time is its own): serves
// recorded frames on `com.atproto.sync.subscribeRepos` over a plain WebSocket, from the frame
// after `?cursor=`, either as fast as the consumer reads them (TCP back-pressure) or at a fixed
// rate, stamping each frame's `time` with the moment it is sent (for lag).
// Run by run.ts: node bench/firehose/server.ts <frames file> <rate per second, 0 = as fast>
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';

const [file, rateArgument] = process.argv.slice(2);
const rate = Number(rateArgument ?? 0);
const data = readFileSync(file!);
const frames: Buffer[] = [];
for (let at = 0; at < data.length;) {
  const length = data.readUInt32BE(at);
  frames.push(data.subarray(at + 4, at + 4 + length));
  at += 4 + length;
}
// Where each frame's `time` (24 ASCII bytes, the first ISO date in the frame) is.
const timeAt = frames.map((frame) => frame.indexOf('2026-12-'));

function header(length: number): Buffer {
  if (length < 126) return Buffer.from([0x82, length]);
  if (length < 65536) {
    const head = Buffer.alloc(4);
    head[0] = 0x82;
    head[1] = 126;
    head.writeUInt16BE(length, 2);
    return head;
  }
  const head = Buffer.alloc(10);
  head[0] = 0x82;
  head[1] = 127;
  head.writeBigUInt64BE(BigInt(length), 2);
  return head;
}

async function serve(socket: Socket, from: number): Promise<void> {
  let index = from;
  let sentThisTick = 0;
  let tickStart = Date.now();
  while (index < frames.length && !socket.destroyed) {
    const frame = frames[index]!;
    if (rate > 0) {
      // Paced: rate/100 frames per 10 ms, stamped as they leave.
      if (sentThisTick >= rate / 100) {
        const wait = tickStart + 10 - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        tickStart = Date.now();
        sentThisTick = 0;
      }
      sentThisTick += 1;
      if (timeAt[index]! >= 0) frame.write(new Date().toISOString(), timeAt[index]!, 'latin1');
    }
    socket.write(header(frame.length));
    if (!socket.write(frame)) await new Promise((resolve) => socket.once('drain', resolve));
    index += 1;
  }
}

const server = createServer((_request, response) => response.writeHead(404).end());
server.on('upgrade', (request, socket: Socket) => {
  const key = request.headers['sec-websocket-key'];
  const url = new URL(request.url ?? '/', 'http://relay');
  if (!key || url.pathname !== '/xrpc/com.atproto.sync.subscribeRepos') {
    socket.destroy();
    return;
  }
  const accept = createHash('sha1')
    .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.setNoDelay(true);
  // The client's frames (masked): a ping is answered with a pong, anything else ignored.
  socket.on('data', (chunk: Buffer) => {
    for (let at = 0; at + 6 <= chunk.length;) {
      const opcode = chunk[at]! & 0x0f;
      const length = chunk[at + 1]! & 0x7f;
      if (length >= 126) return;
      const mask = chunk.subarray(at + 2, at + 6);
      const payload = Buffer.from(chunk.subarray(at + 6, at + 6 + length));
      for (let i = 0; i < payload.length; i += 1) payload[i]! ^= mask[i % 4]!;
      if (opcode === 0x9) socket.write(Buffer.concat([Buffer.from([0x8a, length]), payload]));
      at += 6 + length;
    }
  });
  socket.on('error', () => {});
  const cursor = Number(url.searchParams.get('cursor') ?? 0);
  void serve(socket, cursor);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
