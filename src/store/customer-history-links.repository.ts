import { sql, type Kysely } from 'kysely';
import { findPersonKey, listPersonContactIds } from './customer-history.repository.ts';
import type { Database } from './schema.ts';

const personKey = sql<string>`coalesce(person_id, id)`;

/** One link or unlink at a time per workspace: each reads the groups it then rewrites. */
async function lockPeople(db: Kysely<Database>, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`earshot:people:${workspaceId}`}))`.execute(db);
}

/**
 * Call inside a transaction. Says `contactId` is the same person as `sameAsContactId`: everyone linked to the first joins
 * the second's person. Nothing else changes, so unlinking restores exactly what was. Returns
 * false when already the same person; undefined when either contact is not the workspace's.
 */
export async function linkSamePerson(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: string,
  sameAsContactId: string,
): Promise<boolean | undefined> {
  await lockPeople(db, workspaceId);
  const [from, to] = await Promise.all([
    findPersonKey(db, workspaceId, contactId),
    findPersonKey(db, workspaceId, sameAsContactId),
  ]);
  if (from === undefined || to === undefined) return undefined;
  if (from === to) return false;
  await db
    .updateTable('contacts')
    .set({ person_id: to })
    .where('workspace_id', '=', workspaceId)
    .where(personKey, '=', from)
    .execute();
  return true;
}

/**
 * Call inside a transaction. Takes one contact out of its person; the others stay linked together. Returns false when it
 * was on its own already; undefined when the workspace has no such contact.
 */
export async function unlinkFromPerson(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: string,
): Promise<boolean | undefined> {
  await lockPeople(db, workspaceId);
  const key = await findPersonKey(db, workspaceId, contactId);
  if (key === undefined) return undefined;
  const members = await listPersonContactIds(db, workspaceId, key);
  const others = members.filter((id) => id !== contactId);
  if (others.length === 0) return false;
  // The key may be this contact's own id: the others then need a key of their own.
  const othersKey = key === contactId ? others[0]! : key;
  await db
    .updateTable('contacts')
    .set({ person_id: othersKey })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', others)
    .execute();
  await db
    .updateTable('contacts')
    .set({ person_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .execute();
  return true;
}

/** `%` and `_` typed by a person are searched for, not wildcards. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Contacts whose handle or name on any network contains the text, for "same person as…"; the
 * newest when the text is empty.
 */
export async function searchContacts(
  db: Kysely<Database>,
  workspaceId: string,
  text: string,
  limit: number,
): Promise<string[]> {
  const pattern = `%${escapeLike(text.replace(/^@/, ''))}%`;
  const rows = await db
    .selectFrom('contact_identities as ci')
    .innerJoin('contacts as c', 'c.id', 'ci.contact_id')
    .select(['c.id', 'c.created_at'])
    .distinct()
    .where('ci.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('ci.handle', 'ilike', pattern),
        eb('ci.display_name', 'ilike', pattern),
        eb('c.display_name', 'ilike', pattern),
      ]),
    )
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
