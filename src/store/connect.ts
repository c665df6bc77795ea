import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { PostgresListener, type NotificationHandler } from './postgres-listener.ts';
import { makePrivate } from './private-files.ts';
import type { Database } from './schema.ts';

/** A handler for one NOTIFY payload. */
export type { NotificationHandler };

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
  /**
   * A new connection of its own, outside the pool (PostgreSQL only): for what belongs to one
   * session, such as advisory locks. Its errors are already handled (they never crash the
   * process); the caller watches 'error' and 'end' to learn that the session is gone.
   */
  connectSession?(): Promise<pg.Client>;
  /**
   * Calls `handler` each time LISTEN is back after its connection was lost (PostgreSQL only):
   * notices sent meanwhile were missed, so listeners catch up. Returns a function that stops.
   */
  onListenRestored?(handler: () => void): () => void;
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
  /** Told when LISTEN loses its connection and when it is back (PostgreSQL only). */
  logger?: Pick<Logger, 'warn' | 'info'> | undefined;
}

// int8 (bigint) stays a string on both, so ids never lose precision and both stores agree.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => value);

export async function openStore(options: StoreOptions): Promise<Store> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.logger)
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

/**
 * How every connection to PostgreSQL is made. A connection may die at any time (a terminated
 * backend, a server restart, a network cut): a client must never be left without an 'error'
 * handler, or its error ends the process. TCP keepalive finds connections to a vanished peer;
 * the connect timeout keeps LISTEN and the lock session from waiting on a server that is gone.
 */
function clientConfig(databaseUrl: string): pg.ClientConfig {
  return {
    connectionString: databaseUrl,
    // A name to find this process's sessions by (pg_stat_activity); a URL's own name wins.
    application_name: 'earshot',
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: 5_000,
  };
}

async function openPostgres(
  databaseUrl: string,
  poolSize: number,
  logger: StoreOptions['logger'],
): Promise<Store> {
  // No connect timeout on the pool: pg-pool applies it to waiting for a free client as well,
  // which would fail requests under load; /ready has its own bound.
  const pool = new pg.Pool({
    ...clientConfig(databaseUrl),
    connectionTimeoutMillis: 0,
    max: poolSize,
  });
  // An idle client's error reaches the pool; the next query opens a new connection.
  pool.on('error', () => {});
  // A checked-out client's error (its backend terminated between two queries of a transaction)
  // reaches only the client: its pending query fails, and the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const newClient = () => {
    const client = new pg.Client(clientConfig(databaseUrl));
    client.on('error', () => {});
    return client;
  };
  const listener = new PostgresListener(newClient, logger);
  return {
    db,
    kind: 'postgres',
    listen: (channel, handler) => listener.listen(channel, handler),
    onListenRestored: (handler) => listener.onRestored(handler),
    async connectSession() {
      const client = newClient();
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => {});
        throw error;
      }
      return client;
    },
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}
