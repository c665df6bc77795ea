import type { Kysely } from 'kysely';
import { defaultCsatQuestion } from '../../domain/csat.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { CsatAnswer } from '../../domain/intake-plan.ts';
import { notifyChanges } from '../../store/changes.ts';
import {
  findUnsurveyedResolutions,
  insertSurvey,
  recordSurveyAnswer,
  setSurveyReply,
} from '../../store/csat.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findLatestCustomerMention } from '../../store/mentions.repository.ts';
import { insertReply } from '../../store/replies.repository.ts';
import type { Database } from '../../store/schema.ts';

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

/**
 * The intake hook, after the mentions are stored: each survey's answer is recorded (a rating, or
 * nothing recognisable, which closes the survey unanswered so later messages are not misread).
 */
export async function recordCsatAnswers(
  db: Kysely<Database>,
  workspaceId: string,
  answers: readonly CsatAnswer[],
  now: Date,
): Promise<void> {
  const events: DomainEvent[] = [];
  for (const { survey, mentionId, score } of answers) {
    await recordSurveyAnswer(db, survey.id, { score, mentionId, now });
    if (score !== null) {
      events.push({
        type: 'csat.received',
        actor: { type: 'customer', id: survey.contactId },
        conversationId: survey.conversationId,
        data: { surveyId: survey.id, score, mentionId },
        occurredAt: now,
      });
    }
  }
  await appendEvents(db, workspaceId, events);
}
