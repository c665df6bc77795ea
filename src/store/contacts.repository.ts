import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MentionAuthor } from '../domain/mention.ts';
import type { ModerationReason } from '../domain/moderation.ts';
import { newId } from './ids.ts';
import { storableText } from './storable-text.ts';
import type { Database } from './schema.ts';
import { insertUnnested, unnestRows } from './unnest-rows.ts';
import type { ColumnTypes } from './unnest-rows.ts';

const contactColumnTypes: ColumnTypes = { id: 'uuid', workspace_id: 'uuid', display_name: 'text' };

const identityColumnTypes: ColumnTypes = {
  id: 'uuid',
  workspace_id: 'uuid',
  contact_id: 'uuid',
  network: 'text',
  external_id: 'text',
  handle: 'text',
  display_name: 'text',
  followers: 'int4',
  url: 'text',
  updated_at: 'timestamptz',
};

interface ResolvedContact {
  contactId: string;
  blocked: boolean;
  /** Why a blocked contact was blocked (their last block action; 'spam' if none was logged). */
  blockReason: ModerationReason | null;
}

/**
 * The contact behind each author, creating contacts and identities that are new. One round trip
 * to read (two when a blocked contact is among them), one or two to write, however many authors
 * the batch has. Follower counts are refreshed.
 */
export async function resolveContacts(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  authors: MentionAuthor[],
  now: Date,
): Promise<Map<string, ResolvedContact>> {
  const unique = new Map(authors.map((author) => [author.externalId, author]));
  const result = new Map<string, ResolvedContact>();
  if (unique.size === 0) return result;
  // Joined as an array: an index lookup per author with or without planner statistics.
  const { rows: known } = await sql<{
    external_id: string;
    contact_id: string;
    blocked_at: Date | null;
  }>`
    select ci.external_id, ci.contact_id, c.blocked_at
    from unnest(${[...unique.keys()]}::text[]) as wanted (external_id)
    join contact_identities ci
      on ci.workspace_id = ${workspaceId} and ci.network = ${network}
      and ci.external_id = wanted.external_id
    join contacts c on c.id = ci.contact_id`.execute(db);
  const reasons = await blockReasons(
    db,
    workspaceId,
    known.filter((row) => row.blocked_at !== null).map((row) => row.contact_id),
  );
  for (const row of known) {
    const blocked = row.blocked_at !== null;
    const blockReason = blocked ? (reasons.get(row.contact_id) ?? 'spam') : null;
    result.set(row.external_id, { contactId: row.contact_id, blocked, blockReason });
  }

  const fresh = [...unique.values()].filter((author) => !result.has(author.externalId));
  if (fresh.length > 0) {
    const contacts = fresh.map((author) => ({
      id: newId(),
      workspace_id: workspaceId,
      display_name: storableText(author.displayName || author.handle),
    }));
    await insertUnnested(db, 'contacts', contactColumnTypes, contacts);
    fresh.forEach((author, index) =>
      result.set(author.externalId, {
        contactId: contacts[index]!.id,
        blocked: false,
        blockReason: null,
      }),
    );
  }
  // Every author's identity, new or known, with its handle and follower count refreshed; its
  // display name too, but a post without one (every Bluesky post) never erases a stored name.
  const identities = unnestRows(
    'contact_identities',
    identityColumnTypes,
    [...unique.values()].map((author) => ({
      id: newId(),
      workspace_id: workspaceId,
      contact_id: result.get(author.externalId)!.contactId,
      network,
      external_id: author.externalId,
      handle: storableText(author.handle),
      display_name: author.displayName ? storableText(author.displayName) : null,
      followers: author.followers ?? null,
      url: author.url ?? null,
      updated_at: now,
    })),
  );
  await sql`
    insert into contact_identities (${identities.columns}) select * from unnest(${identities.arrays})
    on conflict (workspace_id, network, external_id) do update set
      handle = excluded.handle,
      display_name = coalesce(excluded.display_name, contact_identities.display_name),
      followers = excluded.followers, updated_at = excluded.updated_at`.execute(db);
  return result;
}

/** The reason of each contact's latest block action. */
async function blockReasons(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: string[],
): Promise<Map<string, ModerationReason>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('moderation_actions')
    .select(['contact_id', 'reason'])
    .where('workspace_id', '=', workspaceId)
    .where('action', '=', 'block')
    .where('contact_id', 'in', contactIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const reasons = new Map<string, ModerationReason>();
  for (const row of rows) if (row.contact_id && row.reason) reasons.set(row.contact_id, row.reason);
  return reasons;
}
