import type { Kysely } from 'kysely';
import type { NoticeSkipReason, NoticeStatus } from '../domain/idea-notices.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** The workspace's own notice templates (statuses it left alone are absent: the default applies). */
export async function findNoticeTemplates(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<Map<NoticeStatus, string>> {
  const rows = await db
    .selectFrom('idea_notice_templates')
    .select(['status', 'body'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  return new Map(rows.map((row) => [row.status, row.body]));
}

/** Keeps the workspace's template for a status; null goes back to the default. */
export async function saveNoticeTemplate(
  db: Kysely<Database>,
  template: {
    workspaceId: string;
    status: NoticeStatus;
    body: string | null;
    userId: string;
    now: Date;
  },
): Promise<void> {
  if (template.body === null) {
    await db
      .deleteFrom('idea_notice_templates')
      .where('workspace_id', '=', template.workspaceId)
      .where('status', '=', template.status)
      .execute();
    return;
  }
  const values = { body: template.body, updated_by: template.userId, updated_at: template.now };
  await db
    .insertInto('idea_notice_templates')
    .values({ workspace_id: template.workspaceId, status: template.status, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'status']).doUpdateSet(values))
    .execute();
}

/** The posts an idea holds, with what telling their authors needs, oldest first. */
export async function listNoticePosts(db: Kysely<Database>, workspaceId: string, ideaId: string) {
  return db
    .selectFrom('idea_mentions as l')
    .innerJoin('mentions as m', 'm.id', 'l.mention_id')
    .select([
      'm.id',
      'm.conversation_id as conversationId',
      'm.network',
      'm.text',
      'm.url',
      'm.author_handle as authorHandle',
      'm.author_display_name as authorDisplayName',
      'm.is_private as isPrivate',
      'm.posted_at as postedAt',
      'm.deleted_at as deletedAt',
      'm.erased_at as erasedAt',
    ])
    .where('l.workspace_id', '=', workspaceId)
    .where('l.idea_id', '=', ideaId)
    .orderBy('m.posted_at')
    .orderBy('m.id')
    .execute();
}

export type NoticePostRow = Awaited<ReturnType<typeof listNoticePosts>>[number];

/** Who was told (or not, and why) of each status an idea reached, with the reply's progress. */
export async function listIdeaNotices(db: Kysely<Database>, workspaceId: string, ideaId: string) {
  return db
    .selectFrom('idea_notices as n')
    .leftJoin('replies as r', 'r.id', 'n.reply_id')
    .select([
      'n.id',
      'n.idea_status as ideaStatus',
      'n.conversation_id as conversationId',
      'n.mention_id as mentionId',
      'n.outcome',
      'n.reason',
      'n.reply_id as replyId',
      'r.status as replyStatus',
      'r.visibility as replyVisibility',
      'r.sent_at as sentAt',
      'n.created_by as createdBy',
      'n.created_at as createdAt',
    ])
    .where('n.workspace_id', '=', workspaceId)
    .where('n.idea_id', '=', ideaId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

export type IdeaNoticeRow = Awaited<ReturnType<typeof listIdeaNotices>>[number];

/**
 * Records that a customer was told (with the reply) or not (with why) of a status. A thread
 * already recorded for this status keeps its first record; returns whether this one was new.
 */
export async function insertIdeaNotice(
  db: Kysely<Database>,
  notice: {
    workspaceId: string;
    ideaId: string;
    ideaStatus: NoticeStatus;
    conversationId: string;
    mentionId: string;
    told: { replyId: string } | { reason: NoticeSkipReason };
    userId: string;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db
    .insertInto('idea_notices')
    .values({
      id: newId(),
      workspace_id: notice.workspaceId,
      idea_id: notice.ideaId,
      idea_status: notice.ideaStatus,
      conversation_id: notice.conversationId,
      mention_id: notice.mentionId,
      outcome: 'replyId' in notice.told ? 'told' : 'not_told',
      reply_id: 'replyId' in notice.told ? notice.told.replyId : null,
      reason: 'reason' in notice.told ? notice.told.reason : null,
      created_by: notice.userId,
      created_at: notice.now,
    })
    .onConflict((oc) => oc.columns(['idea_id', 'idea_status', 'conversation_id']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}
