import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** A request as the fake platform received it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body parsed as JSON, when it was JSON. */
  json: unknown;
  /** Named groups of the route's pattern. */
  params: Record<string, string>;
}

/** What a route answers. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
}

export type RouteHandler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

/** Ways a real platform misbehaves, injected ahead of the routes. */
export type Fault =
  /** 429 with a Retry-After header (seconds) and any other headers the platform sends. */
  | {
      type: 'rate-limit';
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
      json?: unknown;
    }
  /** A 5xx answer. */
  | { type: 'server-error'; status?: number; json?: unknown }
  /** Accepts the request and never answers: the client's own timeout must fire. */
  | { type: 'timeout' }
  /** Closes the connection without an HTTP answer. */
  | { type: 'drop' }
  /** Any other canned answer (an API error body, a 401...). */
  | { type: 'respond'; response: FakeResponse };

export interface FaultOptions {
  /** How many matching requests get the fault (default 1). */
  times?: number;
  method?: string;
  path?: string | RegExp;
}

/** One client connected to a fake streaming endpoint (a WebSocket). */
export interface FakeSocket {
  /** The subprotocol the client offered first (Mastodon sends the access token there). */
  readonly protocol: string | undefined;
  /** JSON messages received from the client, in order. */
  readonly received: unknown[];
  send(message: unknown): void;
  /** Drops the connection without a closing handshake, as a failing server would. */
  drop(): void;
}

export interface FakePlatform {
  /** Base URL, e.g. http://127.0.0.1:43121 */
  readonly url: string;
  /** Every request received, in order (faulted ones included). */
  readonly requests: RecordedRequest[];
  route(method: string, path: string | RegExp, handler: RouteHandler): void;
  fail(fault: Fault, options?: FaultOptions): void;
  /** Requests to one path, for assertions. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  /**
   * An https.Agent that carries every request, whatever its host, to this server in plain HTTP:
   * for clients that only speak https to a fixed host (twitter-api-v2) but accept an agent.
   */
  httpsAgent(): HttpsAgent;
  /** Accepts WebSocket clients on a path; `sockets` lists those connected so far. */
  websocket(path: string): { sockets: FakeSocket[] };
  close(): Promise<void>;
}

interface Route {
  method: string;
  path: string | RegExp;
  handler: RouteHandler;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
  method: string | undefined;
  path: string | RegExp | undefined;
}

/**
 * A local HTTP server on 127.0.0.1 (random port) that plays a platform's API in tests: routes
 * answer like the platform's documented examples, and faults make it fail the way real
 * platforms do (rate limits, 5xx, hangs, dropped connections). Only the network's edge is
 * faked this way; our own code runs for real.
 */
export async function startFakePlatform(): Promise<FakePlatform> {
  const routes: Route[] = [];
  const faults: PendingFault[] = [];
  const requests: RecordedRequest[] = [];

  const server = createServer((incoming, response) => {
    void handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: String(error) }));
      }
    });
  });

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const method = incoming.method ?? 'GET';
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body,
      json: parseJson(body),
      params: {},
    };
    requests.push(request);

    const pending = faults.find(
      (entry) => matches(entry.method, entry.path, method, url.pathname).matched,
    );
    if (pending) {
      pending.remaining -= 1;
      if (pending.remaining <= 0) faults.splice(faults.indexOf(pending), 1);
      applyFault(pending.fault, response);
      return;
    }
    for (const route of routes) {
      const match = matches(route.method, route.path, method, url.pathname);
      if (!match.matched) continue;
      request.params = match.params;
      write(response, await route.handler(request));
      return;
    }
    write(response, {
      status: 404,
      json: { error: `no fake route for ${method} ${url.pathname}` },
    });
  }

  const websockets = new Map<string, FakeSocket[]>();
  const upgraded = new Set<Socket>();
  server.on('upgrade', (incoming: IncomingMessage, socket: Socket) => {
    const sockets = websockets.get(new URL(incoming.url ?? '/', 'http://127.0.0.1').pathname);
    const key = incoming.headers['sec-websocket-key'];
    if (!sockets || typeof key !== 'string') return void socket.destroy();
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    sockets.push(acceptWebSocket(socket, key, incoming.headers['sec-websocket-protocol']));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route(method, path, handler) {
      routes.push({ method: method.toUpperCase(), path, handler });
    },
    fail(fault, options = {}) {
      faults.push({
        fault,
        remaining: options.times ?? 1,
        method: options.method?.toUpperCase(),
        path: options.path,
      });
    },
    requestsTo(method, path) {
      return requests.filter(
        (request) => matches(method.toUpperCase(), path, request.method, request.path).matched,
      );
    },
    httpsAgent() {
      return new PlainHttpAgent(port);
    },
    websocket(path) {
      const sockets: FakeSocket[] = [];
      websockets.set(path, sockets);
      return { sockets };
    },
    async close() {
      for (const socket of upgraded) socket.destroy();
      // Hung (timeout-faulted) connections would otherwise keep the server open forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The server half of RFC 6455, just enough for a streaming API: the handshake, unmasking the
 * client's text frames (JSON), answering pings and closes, and sending unmasked text frames.
 */
function acceptWebSocket(socket: Socket, key: string, protocols: string | undefined): FakeSocket {
  const protocol = protocols?.split(',')[0]?.trim() || undefined;
  const accept = createHash('sha1')
    .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
    .digest('base64');
  socket.write(
    [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${accept}`,
    ]
      .concat(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : [])
      .join('\r\n') + '\r\n\r\n',
  );
  const frame = (opcode: number, payload: Buffer) => {
    const length = payload.length;
    const head =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]);
    if (length > 0xffff) throw new Error('fake websocket frames stop at 64 KiB');
    socket.write(Buffer.concat([head, payload]));
  };
  const received: unknown[] = [];
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (pending.length < 2) return;
      const opcode = (pending[0] ?? 0) & 0x0f;
      let length = (pending[1] ?? 0) & 0x7f;
      let offset = 2;
      if (length === 126) [length, offset] = [pending.readUInt16BE(2), 4];
      else if (length === 127) [length, offset] = [Number(pending.readBigUInt64BE(2)), 10];
      if (pending.length < offset + 4 + length) return;
      const mask = pending.subarray(offset, offset + 4);
      const payload = Buffer.from(
        pending
          .subarray(offset + 4, offset + 4 + length)
          .map((byte, i) => byte ^ (mask[i % 4] ?? 0)),
      );
      pending = pending.subarray(offset + 4 + length);
      if (opcode === 0x1) received.push(JSON.parse(payload.toString('utf8')));
      else if (opcode === 0x9) frame(0xa, payload);
      else if (opcode === 0x8) {
        frame(0x8, payload.subarray(0, 2));
        socket.end();
      }
    }
  });
  return {
    protocol,
    received,
    send: (message) => frame(0x1, Buffer.from(JSON.stringify(message))),
    drop: () => socket.destroy(),
  };
}

class PlainHttpAgent extends HttpsAgent {
  readonly #port: number;
  constructor(port: number) {
    super({ keepAlive: false });
    this.#port = port;
  }
  override createConnection(): Socket {
    return connect(this.#port, '127.0.0.1');
  }
}

function applyFault(fault: Fault, response: ServerResponse): void {
  switch (fault.type) {
    case 'rate-limit': {
      const headers = { ...fault.headers };
      if (fault.retryAfterSeconds !== undefined)
        headers['retry-after'] = String(fault.retryAfterSeconds);
      write(response, { status: 429, headers, json: fault.json ?? { error: 'Too Many Requests' } });
      return;
    }
    case 'server-error':
      write(response, {
        status: fault.status ?? 503,
        json: fault.json ?? { error: 'Service Unavailable' },
      });
      return;
    case 'timeout':
      return;
    case 'drop':
      response.socket?.destroy();
      return;
    case 'respond':
      write(response, fault.response);
  }
}

function write(response: ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let body = answer.body ?? '';
  if (answer.json !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    body = JSON.stringify(answer.json);
  }
  response.writeHead(answer.status ?? 200, headers);
  response.end(body);
}

function matches(
  wantedMethod: string | undefined,
  wantedPath: string | RegExp | undefined,
  method: string,
  path: string,
): { matched: boolean; params: Record<string, string> } {
  if (wantedMethod !== undefined && wantedMethod !== method) return { matched: false, params: {} };
  if (wantedPath === undefined) return { matched: true, params: {} };
  if (typeof wantedPath === 'string') return { matched: wantedPath === path, params: {} };
  const match = wantedPath.exec(path);
  return { matched: match !== null, params: { ...match?.groups } };
}

function parseJson(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
