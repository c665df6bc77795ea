import type { Kysely } from 'kysely';
import type { MentionAuthor } from '../domain/mention.ts';
import type { ModerationReason } from '../domain/moderation.ts';
import { newId } from './ids.ts';
import { storableText } from './storable-text.ts';
import type { Database } from './schema.ts';

export interface ResolvedContact {
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
  const known = await db
    .selectFrom('contact_identities as ci')
    .innerJoin('contacts as c', 'c.id', 'ci.contact_id')
    .select(['ci.external_id', 'ci.contact_id', 'c.blocked_at'])
    .where('ci.workspace_id', '=', workspaceId)
    .where('ci.network', '=', network)
    .where('ci.external_id', 'in', [...unique.keys()])
    .execute();
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
    await db.insertInto('contacts').values(contacts).execute();
    fresh.forEach((author, index) =>
      result.set(author.externalId, {
        contactId: contacts[index]!.id,
        blocked: false,
        blockReason: null,
      }),
    );
  }
  await db
    .insertInto('contact_identities')
    .values(
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
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'network', 'external_id']).doUpdateSet((eb) => ({
        handle: eb.ref('excluded.handle'),
        display_name: eb.ref('excluded.display_name'),
        followers: eb.ref('excluded.followers'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
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
