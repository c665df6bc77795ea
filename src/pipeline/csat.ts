import type { Kysely } from 'kysely';
import { defaultCsatQuestion, parseCsatScore } from '../domain/csat.ts';
import type { DomainEvent } from '../domain/events.ts';
import { notifyChanges } from '../store/changes.ts';
import {
  findAwaitingSurveys,
  findUnsurveyedResolutions,
  insertSurvey,
  recordSurveyAnswer,
  setSurveyReply,
} from '../store/csat.repository.ts';
import { appendEvents } from '../store/events.repository.ts';
import { findLatestCustomerMention } from '../store/mentions.repository.ts';
import { insertReply } from '../store/replies.repository.ts';
import type { Database } from '../store/schema.ts';
import { inTransaction } from '../store/transaction.ts';

/**
 * Queues the one-question survey for each resolution that needs one, as a reply the outbox
 * sends. Safe from several processes at once: a resolution is claimed by a unique row, and the
 * reply's idempotency key names the resolution. Returns how many surveys it queued.
 */
export async function queueCsatSurveys(db: Kysely<Database>, now: Date, limit = 100) {
  const due = await findUnsurveyedResolutions(db, now, limit);
  let queued = 0;
  for (const resolution of due) {
    const resolvedAt = resolution.resolved_at!;
    await db.transaction().execute(async (tx) => {
      const surveyId = await insertSurvey(tx, {
        workspaceId: resolution.workspace_id,
        conversationId: resolution.id,
        resolvedAt,
        now,
      });
      if (!surveyId) return;
      const answered = await findLatestCustomerMention(tx, resolution.workspace_id, resolution.id);
      const reply = await insertReply(tx, {
        workspaceId: resolution.workspace_id,
        conversationId: resolution.id,
        inReplyToMentionId: answered?.id ?? null,
        authorId: null,
        network: resolution.network,
        text: resolution.csat_question ?? defaultCsatQuestion,
        visibility: resolution.is_private ? 'private' : 'public',
        status: 'queued',
        idempotencyKey: `${resolution.workspace_id}:csat:${resolution.id}:${resolvedAt.toISOString()}`,
        now,
      });
      if (!reply) return;
      await setSurveyReply(tx, surveyId, reply.id);
      await appendEvents(tx, resolution.workspace_id, [
        {
          type: 'csat.survey_queued',
          actor: { type: 'system' },
          conversationId: resolution.id,
          data: { surveyId, replyId: reply.id },
          occurredAt: now,
        },
      ]);
      await notifyChanges(tx, [
        {
          type: 'reply.updated',
          workspaceId: resolution.workspace_id,
          conversationId: resolution.id,
          replyId: reply.id,
        },
      ]);
      queued += 1;
    });
  }
  return queued;
}

interface StoredMention {
  id: string;
  conversation_id: string;
  text: string;
  from_brand: boolean;
}

/**
 * The intake hook: the customer's first message after a survey answers it (a 1–5 rating, or
 * nothing recognisable, which closes the survey unanswered so later messages are not misread).
 */
export async function recordCsatAnswers(
  db: Kysely<Database>,
  workspaceId: string,
  mentions: readonly StoredMention[],
  now: Date,
): Promise<void> {
  const fromCustomers = mentions.filter((mention) => !mention.from_brand);
  const conversationIds = [...new Set(fromCustomers.map((m) => m.conversation_id))];
  if (conversationIds.length === 0) return;
  await inTransaction(db, async (tx) => {
    const surveys = await findAwaitingSurveys(tx, workspaceId, conversationIds);
    const events: DomainEvent[] = [];
    for (const survey of surveys) {
      const answer = fromCustomers.find((m) => m.conversation_id === survey.conversation_id)!;
      const score = parseCsatScore(answer.text);
      await recordSurveyAnswer(tx, survey.id, { score, mentionId: answer.id, now });
      if (score !== null) {
        events.push({
          type: 'csat.received',
          actor: { type: 'customer', id: survey.contact_id },
          conversationId: survey.conversation_id,
          data: { surveyId: survey.id, score, mentionId: answer.id },
          occurredAt: now,
        });
      }
    }
    await appendEvents(tx, workspaceId, events);
  });
}
