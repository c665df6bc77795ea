import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { isSchemaCurrent } from './migrate.ts';
import type { Database } from './schema.ts';

type Readiness = { ok: true; migrations: 'current' | 'pending' } | { ok: false; reason: string };

/**
 * Whether the database answers, and its schema is current, within `timeoutMs`: a network cut
 * or a stalled server gives a reason, never a wait without end.
 */
export async function checkDatabase(db: Kysely<Database>, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const checked = (async (): Promise<Readiness> => {
    try {
      await sql`select 1`.execute(db);
      return { ok: true, migrations: (await isSchemaCurrent(db)) ? 'current' : 'pending' };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  })();
  try {
    return await Promise.race([checked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
