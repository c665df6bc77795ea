import type { Kysely } from 'kysely';
import { insertSurvey, recordSurveyAnswer } from '../../src/store/csat.repository.ts';
import { newId } from '../../src/store/ids.ts';
import { insertReply, markReplySent } from '../../src/store/replies.repository.ts';
import type { Database } from '../../src/store/schema.ts';
import { addMention } from './seed.ts';
import type { SeededWorkspace } from './seed.ts';

/**
 * A reply a member sent at `sentAt`, in a conversation of its own with what makes a reply hard
 * to review: the conversation's sentiment, a viral alert, the customer's CSAT answer.
 */
export async function seedSentReply(
  db: Kysely<Database>,
  seeded: SeededWorkspace,
  reply: {
    authorId: string;
    text?: string;
    sentAt: Date;
    customerText?: string;
    sentiment?: 'negative' | 'neutral' | 'positive';
    viral?: boolean;
    csatScore?: number;
    teamId?: string;
    /** An existing conversation to answer instead of a new one (left as it is). */
    conversationId?: string;
  },
): Promise<{ replyId: string; conversationId: string }> {
  const { conversationId, mentionId } = reply.conversationId
    ? { conversationId: reply.conversationId, mentionId: null }
    : await addMention(db, seeded, { text: reply.customerText ?? 'Where is my parcel?' });
  if (!reply.conversationId)
    await db
      .updateTable('conversations')
      .set({ sentiment: reply.sentiment ?? 'neutral', team_id: reply.teamId ?? null })
      .where('id', '=', conversationId)
      .execute();
  const row = await insertReply(db, {
    workspaceId: seeded.workspaceId,
    conversationId,
    inReplyToMentionId: mentionId,
    authorId: reply.authorId,
    network: 'bluesky',
    text: reply.text ?? 'Sorry for the wait, your parcel arrives tomorrow.',
    visibility: 'public',
    status: 'queued',
    idempotencyKey: `${seeded.workspaceId}:${newId()}`,
    now: reply.sentAt,
  });
  await markReplySent(db, row!.id, {
    externalId: `net:${row!.id}`,
    url: null,
    sentAt: reply.sentAt,
  });
  if (reply.viral) {
    await db
      .insertInto('alerts')
      .values({
        id: newId(),
        workspace_id: seeded.workspaceId,
        kind: 'viral',
        dedupe_key: `viral:${conversationId}`,
        brand_id: seeded.brandId,
        conversation_id: conversationId,
        mention_id: mentionId,
        summary: 'A post is spreading fast',
        data: JSON.stringify({}),
        created_at: reply.sentAt,
      })
      .execute();
  }
  if (reply.csatScore !== undefined) {
    const surveyId = await insertSurvey(db, {
      workspaceId: seeded.workspaceId,
      conversationId,
      resolvedAt: reply.sentAt,
      now: reply.sentAt,
    });
    await recordSurveyAnswer(db, surveyId!, {
      score: reply.csatScore,
      mentionId: mentionId!,
      now: reply.sentAt,
    });
  }
  return { replyId: row!.id, conversationId };
}
