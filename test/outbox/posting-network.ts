import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * How one request to post goes wrong. The `-after` faults store the post first: the network
 * has it, but the answer is lost, which is what makes a blind retry post twice.
 */
export type PostFault =
  'rate-limit' | 'drop-before' | 'refuse' | 'error-after' | 'drop-after' | 'timeout-after';

/** A post the fake network holds. */
export interface StoredPost {
  id: string;
  parentId: string;
  authorId: string;
  text: string;
  createdAt: Date;
}

export interface PostingNetwork {
  readonly url: string;
  /** Everything posted, whoever asked and whatever they were told. */
  readonly posts: StoredPost[];
  /** Faults for the next requests to post, first to last; after them posts succeed. */
  readonly postFaults: PostFault[];
  /** How many of the next lookups fail with a 503. */
  failLookups(times: number): void;
  /** Its author deletes a post: a reply to it is refused as the network refuses one. */
  deletePost(id: string): void;
  postsUnder(parentId: string): StoredPost[];
  /** Carries https requests (twitter-api-v2 speaks only https) to this server in plain HTTP. */
  httpsAgent(): HttpsAgent;
  close(): Promise<void>;
}

interface PostRequest {
  parentId: string;
  text: string;
}

/** What differs between networks: where posts go, how they are listed, how errors look. */
export interface NetworkDialect {
  /** The request posts, and under which parent; undefined for any other request. */
  parsePost(method: string, path: string, body: unknown): PostRequest | undefined;
  /** Answers a request that is not a post (lookups, the account), or undefined for 404. */
  answer(method: string, url: URL, posts: StoredPost[]): unknown;
  posted(post: StoredPost): { status: number; json: unknown };
  refusal(): { status: number; json: unknown };
  /** How the network refuses a reply to a deleted post (networks that say so). */
  parentGone?(): { status: number; json: unknown };
  /** Whether the network refuses a second post of the same text (X does). */
  refusesDuplicates?: boolean;
}

/**
 * A local network that keeps what is posted to it, for testing that a reply is posted once
 * whatever goes wrong on the way: its faults happen before or after the post is stored, and
 * lookups read the stored posts. Our own server (not test/helpers/fake-platform.ts), because a
 * fault after storing needs the connection itself.
 */
export async function startPostingNetwork(options: {
  dialect: NetworkDialect;
  accountId: string;
  now: () => Date;
}): Promise<PostingNetwork> {
  const { dialect } = options;
  const posts: StoredPost[] = [];
  const postFaults: PostFault[] = [];
  let lookupFailures = 0;
  const deleted = new Set<string>();
  let nextId = 1000;

  async function handle(incoming: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const method = incoming.method ?? 'GET';
    const request = dialect.parsePost(method, url.pathname, text ? JSON.parse(text) : undefined);
    if (!request) {
      if (method === 'GET' && lookupFailures > 0) {
        lookupFailures -= 1;
        return write(response, 503, { error: 'Service Unavailable' });
      }
      const json = dialect.answer(method, url, posts);
      return json === undefined
        ? write(response, 404, { error: 'no such route' })
        : write(response, 200, json);
    }
    if (deleted.has(request.parentId) && dialect.parentGone) {
      const gone = dialect.parentGone();
      return write(response, gone.status, gone.json);
    }
    const fault = postFaults.shift();
    if (fault === 'rate-limit') return write(response, 429, { error: 'Too Many Requests' });
    if (fault === 'drop-before') return void response.socket?.destroy();
    if (fault === 'refuse') {
      const refusal = dialect.refusal();
      return write(response, refusal.status, refusal.json);
    }
    const ours = (post: StoredPost) =>
      post.authorId === options.accountId && post.text === request.text;
    if (dialect.refusesDuplicates && posts.some(ours)) {
      return write(response, 403, {
        detail: 'You are not allowed to create a Tweet with duplicate content.',
        status: 403,
      });
    }
    const post = {
      id: String((nextId += 1)),
      parentId: request.parentId,
      authorId: options.accountId,
      text: request.text,
      createdAt: options.now(),
    };
    posts.push(post);
    if (fault === 'error-after') return write(response, 500, { error: 'Internal Server Error' });
    if (fault === 'drop-after') return void response.socket?.destroy();
    if (fault === 'timeout-after') return;
    const answer = dialect.posted(post);
    write(response, answer.status, answer.json);
  }

  const server = createServer((incoming, response) => {
    void handle(incoming, response).catch((error: unknown) =>
      write(response, 500, { error: String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    posts,
    postFaults,
    failLookups(times) {
      lookupFailures = times;
    },
    deletePost(id) {
      deleted.add(id);
    },
    postsUnder: (parentId) => posts.filter((post) => post.parentId === parentId),
    httpsAgent: () => new PlainHttpAgent(port),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function write(response: ServerResponse, status: number, json: unknown) {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(json));
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
