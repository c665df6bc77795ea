import type { Kysely } from 'kysely';
import type { CampaignMessageKind, MessageSkipReason } from '../domain/campaign-messages.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

const postColumns = [
  'id',
  'conversation_id as conversationId',
  'network',
  'external_id as externalId',
  'author_handle as authorHandle',
  'url',
  'posted_at as postedAt',
  'deleted_at as deletedAt',
] as const;

/** Heard posts of the workspace by id (a winner's shares), erased ones left out. */
export async function findMessagePosts(
  db: Kysely<Database>,
  workspaceId: string,
  mentionIds: readonly string[],
) {
  if (mentionIds.length === 0) return [];
  return db
    .selectFrom('mentions')
    .select(postColumns)
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...mentionIds])
    .where('erased_at', 'is', null)
    .execute();
}

export type MessagePostRow = Awaited<ReturnType<typeof findMessagePosts>>[number];

/** The brand's own posts as the workspace heard them (by network and the network's id). */
export async function findHeardBrandPosts(
  db: Kysely<Database>,
  workspaceId: string,
  posts: readonly { network: string; externalId: string }[],
): Promise<MessagePostRow[]> {
  if (posts.length === 0) return [];
  return db
    .selectFrom('mentions')
    .select(postColumns)
    .where('workspace_id', '=', workspaceId)
    .where('erased_at', 'is', null)
    .where((eb) =>
      eb.or(
        posts.map((post) =>
          eb.and([eb('network', '=', post.network), eb('external_id', '=', post.externalId)]),
        ),
      ),
    )
    .execute();
}

/** A campaign's announcements and winners' messages, oldest first, with their replies' progress. */
export async function listCampaignMessages(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
) {
  return db
    .selectFrom('campaign_messages as cm')
    .leftJoin('replies as r', 'r.id', 'cm.reply_id')
    .select([
      'cm.id',
      'cm.draw_id as drawId',
      'cm.kind',
      'cm.network',
      'cm.recipient',
      'cm.recipient_handle as recipientHandle',
      'cm.mention_id as mentionId',
      'cm.outcome',
      'cm.reason',
      'cm.reply_id as replyId',
      'r.text as replyText',
      'r.status as replyStatus',
      'r.sent_at as sentAt',
      'cm.created_by as createdBy',
      'cm.created_at as createdAt',
    ])
    .where('cm.workspace_id', '=', workspaceId)
    .where('cm.campaign_id', '=', campaignId)
    .orderBy('cm.created_at')
    .orderBy('cm.id')
    .execute();
}

export type CampaignMessageRow = Awaited<ReturnType<typeof listCampaignMessages>>[number];

/**
 * Records a message sent (with its reply) or not (with why). A recipient already recorded for
 * this draw and kind keeps its first record; returns whether this one was new.
 */
export async function insertCampaignMessage(
  db: Kysely<Database>,
  message: {
    workspaceId: string;
    campaignId: string;
    drawId: string;
    kind: CampaignMessageKind;
    network: string;
    recipient: string;
    recipientHandle: string | null;
    mentionId: string | null;
    sent: { replyId: string } | { reason: MessageSkipReason };
    userId: string;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db
    .insertInto('campaign_messages')
    .values({
      id: newId(),
      workspace_id: message.workspaceId,
      campaign_id: message.campaignId,
      draw_id: message.drawId,
      kind: message.kind,
      network: message.network,
      recipient: message.recipient,
      recipient_handle: message.recipientHandle,
      mention_id: message.mentionId,
      outcome: 'replyId' in message.sent ? 'sent' : 'not_sent',
      reply_id: 'replyId' in message.sent ? message.sent.replyId : null,
      reason: 'reason' in message.sent ? message.sent.reason : null,
      created_by: message.userId,
      created_at: message.now,
    })
    .onConflict((oc) => oc.columns(['draw_id', 'kind', 'network', 'recipient']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}
