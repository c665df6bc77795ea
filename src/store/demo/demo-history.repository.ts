import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { insertUnnested } from '../unnest-rows.ts';
import type { ColumnTypes } from '../unnest-rows.ts';

// The demo's generated history writes its thousands of answers and ratings in one statement per
// day: the rows are the ones the outbox and the survey intake would have left, in bulk.

/** The conversations the mentions with these external ids opened or joined, with the mention. */
export async function findConversationsOfMentions(
  db: Kysely<Database>,
  workspaceId: string,
  externalIds: readonly string[],
) {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom('mentions as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .selectAll('c')
    .select(['m.id as mention_id', 'm.external_id as mention_external_id'])
    .where('m.workspace_id', '=', workspaceId)
    .where('m.external_id', 'in', [...externalIds])
    .execute();
}

/** A reply the network took: as the outbox leaves it once sent. */
export interface SentReplyRow {
  id: string;
  workspaceId: string;
  conversationId: string;
  inReplyToMentionId: string;
  authorId: string;
  network: string;
  text: string;
  idempotencyKey: string;
  sentAt: Date;
}

const replyColumnTypes: ColumnTypes = {
  id: 'uuid',
  workspace_id: 'uuid',
  conversation_id: 'uuid',
  in_reply_to_mention_id: 'uuid',
  author_id: 'uuid',
  network: 'text',
  text: 'text',
  visibility: 'text',
  status: 'text',
  idempotency_key: 'text',
  external_id: 'text',
  attempts: 'int4',
  sent_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

export async function insertSentReplies(
  db: Kysely<Database>,
  replies: readonly SentReplyRow[],
): Promise<void> {
  await insertUnnested(
    db,
    'replies',
    replyColumnTypes,
    replies.map((reply) => ({
      id: reply.id,
      workspace_id: reply.workspaceId,
      conversation_id: reply.conversationId,
      in_reply_to_mention_id: reply.inReplyToMentionId,
      author_id: reply.authorId,
      network: reply.network,
      text: reply.text,
      visibility: 'public',
      status: 'sent',
      idempotency_key: reply.idempotencyKey,
      external_id: `simulated:${reply.id}`,
      attempts: 1,
      sent_at: reply.sentAt,
      created_at: reply.sentAt,
      updated_at: reply.sentAt,
    })),
  );
}

/** A survey the customer answered with a rating. */
export interface AnsweredSurveyRow {
  id: string;
  workspaceId: string;
  conversationId: string;
  resolvedAt: Date;
  score: number;
  answeredAt: Date;
}

const surveyColumnTypes: ColumnTypes = {
  id: 'uuid',
  workspace_id: 'uuid',
  conversation_id: 'uuid',
  resolved_at: 'timestamptz',
  status: 'text',
  score: 'int4',
  answered_at: 'timestamptz',
  created_at: 'timestamptz',
};

export async function insertAnsweredSurveys(
  db: Kysely<Database>,
  surveys: readonly AnsweredSurveyRow[],
): Promise<void> {
  await insertUnnested(
    db,
    'csat_surveys',
    surveyColumnTypes,
    surveys.map((survey) => ({
      id: survey.id,
      workspace_id: survey.workspaceId,
      conversation_id: survey.conversationId,
      resolved_at: survey.resolvedAt,
      status: 'answered',
      score: survey.score,
      answered_at: survey.answeredAt,
      created_at: survey.resolvedAt,
    })),
  );
}
