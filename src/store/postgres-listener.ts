import type { Logger } from 'pino';
import pg from 'pg';

/** Called with each notification's payload. */
export type NotificationHandler = (payload: string) => void;

/** Longest wait between two attempts to reconnect LISTEN while the server is away. */
const maxRetryMs = 5_000;

/**
 * One dedicated connection per process for LISTEN. When the server drops it (a restart, a
 * terminated backend, a network cut), it reconnects with backoff and LISTENs again on every
 * channel; the outage is logged once when it starts and once when it ends.
 */
export class PostgresListener {
  readonly #connectClient: () => pg.Client;
  readonly #logger: Pick<Logger, 'warn' | 'info'> | undefined;
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  readonly #restored = new Set<() => void>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;
  #lostAt: number | undefined;

  constructor(connectClient: () => pg.Client, logger?: Pick<Logger, 'warn' | 'info'>) {
    this.#connectClient = connectClient;
    this.#logger = logger;
  }

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    const client = await this.#connect();
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    }
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
    };
  }

  /** Calls `handler` each time LISTEN is back after a loss (notices may have been missed). */
  onRestored(handler: () => void): () => void {
    this.#restored.add(handler);
    return () => this.#restored.delete(handler);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<pg.Client> {
    const client = this.#connectClient();
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? [])
        handler(message.payload ?? '');
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    try {
      await client.connect();
      for (const channel of this.#handlers.keys())
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      throw new Error('the store is closed');
    }
    this.#client = client;
    if (this.#lostAt !== undefined) {
      this.#logger?.info(
        { downMs: Date.now() - this.#lostAt },
        'database LISTEN connection restored',
      );
      this.#lostAt = undefined;
      for (const handler of this.#restored) handler();
    }
    return client;
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    this.#lostAt = Date.now();
    this.#logger?.warn(
      { err: error },
      'database LISTEN connection lost; reconnecting (notices sent meanwhile are missed)',
    );
    let attempt = 0;
    const retry = (): void => {
      if (this.#closed || this.#client) return;
      this.#connect().catch(() => {
        attempt += 1;
        setTimeout(retry, Math.min(250 * 2 ** attempt, maxRetryMs)).unref();
      });
    };
    setTimeout(retry, 250).unref();
  }
}
