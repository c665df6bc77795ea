import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { makePrivate } from './private-files.ts';
import type { Database } from './schema.ts';

/** A handler for one NOTIFY payload. */
export type NotificationHandler = (payload: string) => void;

/**
 * One open database: the query builder, plus LISTEN for change notification. The same
 * queries run on both kinds; only how a connection is made and how LISTEN is wired differ.
 */
export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'postgres';
  /**
   * Copies the whole embedded database (PGlite only): for backups and test templates. Taken
   * between two queries (PGlite runs one at a time), so it is consistent as after a crash: what
   * was committed is in it, a transaction still open is rolled back when it is loaded.
   */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>;
  /** Subscribes to a NOTIFY channel; resolves with a function that unsubscribes. */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A postgres:// URL: use that server. */
  databaseUrl?: string | undefined;
  /** Otherwise PGlite in this folder, or in memory when undefined. */
  dataDir?: string | undefined;
  /** Most connections the pool opens (PostgreSQL only). */
  poolSize?: number;
  /** A PGlite data-folder dump to start from (tests start from a migrated template). */
  loadDataDir?: Blob | undefined;
}

// int8 (bigint) stays a string on both, so ids never lose precision and both stores agree.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => value);

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options.dataDir, options.loadDataDir);
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | undefined,
): Promise<Store> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pglite = await PGlite.create({
    dataDir: dataDir ?? 'memory://',
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8_OID]: (value: string) => value },
  });
  if (dataDir) makePrivate(dataDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    async dumpDataDir(compression = 'none') {
      // Written out first, so loading the copy has little to replay.
      await pglite.query('checkpoint');
      return pglite.dumpDataDir(compression);
    },
    async listen(channel, handler) {
      return pglite.listen(channel, handler);
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // A pool error (the server restarting) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listener = new PostgresListener(databaseUrl);
  return {
    db,
    kind: 'postgres',
    listen: (channel, handler) => listener.listen(channel, handler),
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}

/** One dedicated connection per process for LISTEN, re-established if the server drops it. */
class PostgresListener {
  readonly #databaseUrl: string;
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;

  constructor(databaseUrl: string) {
    this.#databaseUrl = databaseUrl;
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
    const client = new pg.Client({ connectionString: this.#databaseUrl });
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? [])
        handler(message.payload ?? '');
    });
    client.on('error', () => this.#reconnectSoon(client));
    client.on('end', () => this.#reconnectSoon(client));
    await client.connect();
    for (const channel of this.#handlers.keys()) {
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    }
    this.#client = client;
    return client;
  }

  #reconnectSoon(client: pg.Client): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    const retry = (): void => {
      if (this.#closed) return;
      this.#connect().catch(() => setTimeout(retry, 1000).unref());
    };
    setTimeout(retry, 250).unref();
  }
}
