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
