import type { Kysely } from 'kysely';
import type { ModerationReason, ModerationStep } from '../domain/moderation.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export async function findMentionForModeration(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
) {
  return db
    .selectFrom('mentions')
    .select(['id', 'conversation_id', 'network', 'from_brand', 'hidden_at', 'hidden_reason'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mentionId)
    .forUpdate()
    .executeTakeFirst();
}

/** Hides (or, with null, shows again) one mention. The row and its text are never touched. */
export async function setMentionHidden(
  db: Kysely<Database>,
  mentionId: string,
  hidden: { at: Date; reason: ModerationReason } | null,
): Promise<void> {
  await db
    .updateTable('mentions')
    .set({ hidden_at: hidden?.at ?? null, hidden_reason: hidden?.reason ?? null })
    .where('id', '=', mentionId)
    .execute();
}

/**
 * A conversation leaves the default inbox while every customer mention in it is hidden, and
 * comes back as soon as one is shown again.
 */
export async function refreshConversationHidden(
  db: Kysely<Database>,
  conversationId: string,
  now: Date,
): Promise<void> {
  const counts = await db
    .selectFrom('mentions')
    .select((eb) => [
      eb.fn.countAll<string>().as('customer'),
      eb.fn.count<string>('hidden_at').as('hidden'),
    ])
    .where('conversation_id', '=', conversationId)
    .where('from_brand', '=', false)
    .executeTakeFirstOrThrow();
  const allHidden = Number(counts.customer) > 0 && counts.customer === counts.hidden;
  await db
    .updateTable('conversations')
    .set((eb) => ({
      hidden_at: allHidden ? eb.fn.coalesce('hidden_at', eb.val(now)) : null,
    }))
    .where('id', '=', conversationId)
    .execute();
}

export async function findContactForModeration(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: string,
) {
  return db
    .selectFrom('contacts')
    .select(['id', 'display_name', 'blocked_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', contactId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setContactBlocked(
  db: Kysely<Database>,
  contactId: string,
  blockedAt: Date | null,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ blocked_at: blockedAt })
    .where('id', '=', contactId)
    .execute();
}

export async function insertModerationAction(
  db: Kysely<Database>,
  workspaceId: string,
  step: ModerationStep,
  actorId: string,
  now: Date,
) {
  return db
    .insertInto('moderation_actions')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      action: step.action,
      mention_id: step.mentionId,
      contact_id: step.contactId,
      conversation_id: step.conversationId,
      reason: step.reason,
      note: step.note,
      actor_id: actorId,
      on_network: step.onNetwork,
      on_network_error: step.onNetworkError,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export interface ModerationPosition {
  createdAt: string;
  id: string;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listModerationActions(
  db: Kysely<Database>,
  workspaceId: string,
  limit: number,
  after?: ModerationPosition,
) {
  let query = db
    .selectFrom('moderation_actions as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .selectAll('a')
    .select(['u.name as actor_name'])
    .where('a.workspace_id', '=', workspaceId);
  if (after) {
    const at = new Date(after.createdAt);
    query = query.where((eb) =>
      eb.or([
        eb('a.created_at', '<', at),
        eb.and([eb('a.created_at', '=', at), eb('a.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next:
      rows.length > limit && last
        ? { createdAt: last.created_at.toISOString(), id: last.id }
        : null,
  };
}

/**
 * The account that heard a mention, when it can act on the network for it: connected (not
 * removed, not simulated, credentials stored) and active. Undefined otherwise.
 */
export async function findHidingAccount(db: Kysely<Database>, mentionId: string) {
  return db
    .withTables<{ channel_accounts: { removed_at: Date | null } }>()
    .selectFrom('mentions')
    .innerJoin('channel_accounts', 'channel_accounts.id', 'mentions.channel_account_id')
    .select([
      'channel_accounts.id',
      'channel_accounts.network',
      'channel_accounts.credentials_encrypted as credentialsEncrypted',
      'mentions.external_id as externalId',
      'mentions.raw',
    ])
    .where('mentions.id', '=', mentionId)
    .where('channel_accounts.status', '=', 'active')
    .where('channel_accounts.simulated', '=', false)
    .where('channel_accounts.removed_at', 'is', null)
    .where('channel_accounts.credentials_encrypted', 'is not', null)
    .executeTakeFirst();
}

/** What the network did at the mention's latest hide or unhide (a repeated request reports it). */
export async function lastOnNetwork(db: Kysely<Database>, mentionId: string) {
  return db
    .selectFrom('moderation_actions')
    .select(['on_network', 'on_network_error'])
    .where('mention_id', '=', mentionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
