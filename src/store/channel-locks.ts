import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Store } from './connect.ts';
import type { Database } from './schema.ts';

/**
 * The locks that keep each channel account's source in one process at a time. PostgreSQL
 * advisory locks belong to a session, so they are taken and released on one connection of
 * their own; when that connection dies the server releases them, and `onLost` says so.
 */
export interface ChannelLockSession {
  tryLock(accountId: string): Promise<boolean>;
  unlock(accountId: string): Promise<void>;
  /**
   * Run inside the transaction that stores what a source heard: fails it unless this session
   * still holds the account's lock, so a process that lost its session (and whose source
   * another process may have started) never stores a batch or moves the cursor.
   */
  assertHeld(tx: Kysely<Database>, accountId: string): Promise<void>;
  /** Called once, when the session is gone (never after `close`). */
  onLost(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** Thrown by `assertHeld` when the lock is no longer this session's. */
export class ChannelLockLost extends Error {
  constructor(accountId: string) {
    super(`the channel lock on account ${accountId} was lost (database session ended)`);
    this.name = 'ChannelLockLost';
  }
}

const lockKey = (accountId: string) => `earshot.channel:${accountId}`;

/** PGlite has a single session, which Kysely serializes: locks are taken on it, never lost. */
function embeddedSession(db: Kysely<Database>): ChannelLockSession {
  const key = (accountId: string) => sql`hashtextextended(${lockKey(accountId)}, 0)`;
  return {
    async tryLock(accountId) {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(${key(accountId)}) as locked`.execute(db);
      return rows[0]?.locked === true;
    },
    async unlock(accountId) {
      await sql`select pg_advisory_unlock(${key(accountId)})`.execute(db);
    },
    async assertHeld() {},
    onLost() {},
    async close() {},
  };
}

function serverSession(client: pg.Client, pid: number): ChannelLockSession {
  const listeners: Array<(error: Error) => void> = [];
  let lost: Error | undefined;
  let closing = false;
  const lose = (error: Error) => {
    if (lost || closing) return;
    lost = error;
    for (const listener of listeners) listener(error);
  };
  client.on('error', lose);
  client.on('end', () => lose(new Error('the channel lock session ended')));
  const query = async <Row>(text: string, values: unknown[]): Promise<Row[]> => {
    if (lost) throw lost;
    try {
      return (await client.query(text, values)).rows as Row[];
    } catch (error) {
      // A failed lock query leaves us unsure which locks we hold: end the session, so the
      // server releases them all and the runner starts over on a new one.
      if (!closing) client.end().catch(() => {});
      lose(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  };
  return {
    async tryLock(accountId) {
      const rows = await query<{ locked: boolean }>(
        'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
        [lockKey(accountId)],
      );
      return rows[0]?.locked === true;
    },
    async unlock(accountId) {
      await query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(accountId)]);
    },
    async assertHeld(tx, accountId) {
      // A bigint advisory key shows in pg_locks as its high half (classid) and low half (objid).
      const { rows } = await sql<{ held: boolean }>`
        select exists (
          select 1 from pg_locks
          where locktype = 'advisory' and granted and pid = ${pid} and objsubid = 1
            and ((classid::int8 << 32) | objid::int8) = hashtextextended(${lockKey(accountId)}, 0)
        ) as held`.execute(tx);
      if (rows[0]?.held !== true) throw new ChannelLockLost(accountId);
    },
    onLost(listener) {
      if (lost) listener(lost);
      else listeners.push(listener);
    },
    async close() {
      closing = true;
      await client.end().catch(() => {});
    },
  };
}

export async function openChannelLockSession(
  store: Pick<Store, 'db' | 'kind' | 'connectSession'>,
): Promise<ChannelLockSession> {
  if (store.kind === 'pglite') return embeddedSession(store.db);
  if (!store.connectSession) throw new Error('channel locks need a store that opens sessions');
  const client = await store.connectSession();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return serverSession(client, rows[0]!.pid);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}
