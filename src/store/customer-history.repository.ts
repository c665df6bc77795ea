import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

// A "person" is the contacts an agent linked as the same customer (one per network identity,
// as ingest makes them). Their key is coalesce(person_id, id): an unlinked contact is its own.

const personKey = sql<string>`coalesce(person_id, id)`;

/** The person key of a contact of the workspace; undefined when the workspace has no such contact. */
export async function findPersonKey(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('contacts')
    .select(personKey.as('key'))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  return row?.key;
}

/** The ids of the contacts that are this person. */
export async function listPersonContactIds(
  db: Kysely<Database>,
  workspaceId: string,
  key: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('contacts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(personKey, '=', key)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Contacts with their identities on each network, in the order given. */
export async function listContactsWithIdentities(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly string[],
) {
  if (contactIds.length === 0) return [];
  const [contacts, identities] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['id', 'display_name', 'person_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', [...contactIds])
      .execute(),
    db
      .selectFrom('contact_identities')
      .select(['contact_id', 'network', 'handle', 'display_name', 'url'])
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', [...contactIds])
      .orderBy('network')
      .orderBy('handle')
      .execute(),
  ]);
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  return contactIds.flatMap((id) => {
    const contact = byId.get(id);
    if (!contact) return [];
    return [
      {
        id: contact.id,
        displayName: contact.display_name,
        linked: contact.person_id !== null,
        identities: identities
          .filter((identity) => identity.contact_id === id)
          .map((identity) => ({
            network: identity.network,
            handle: identity.handle,
            displayName: identity.display_name,
            url: identity.url,
          })),
      },
    ];
  });
}

/** The conversations of these contacts on every network and in every status, newest first. */
export async function listContactsConversations(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly string[],
  limit: number,
) {
  if (contactIds.length === 0) return [];
  const rows = await db
    .selectFrom('conversations as c')
    .innerJoin('brands as b', 'b.id', 'c.brand_id')
    .select([
      'c.id',
      'c.network',
      'c.status',
      'c.preview',
      'c.contact_id',
      'c.last_message_at',
      'c.created_at',
      'b.id as brand_id',
      'b.name as brand_name',
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.contact_id', 'in', [...contactIds])
    .orderBy('c.last_message_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    network: row.network,
    status: row.status,
    preview: row.preview,
    contactId: row.contact_id,
    brand: { id: row.brand_id, name: row.brand_name },
    lastMessageAt: row.last_message_at.toISOString(),
    createdAt: row.created_at.toISOString(),
  }));
}
