import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** A survey later than this after the resolution would only puzzle the customer. */
const csatWindowMs = 24 * 60 * 60_000;

/**
 * Resolutions that should be surveyed and are not yet: resolved in the last day and after CSAT
 * was switched on in their workspace, not from a blocked contact, not hidden or spam. The window
 * keeps the scan small (conversations_updated: a resolution updates its conversation).
 */
export async function findUnsurveyedResolutions(db: Kysely<Database>, now: Date, limit: number) {
  const since = new Date(now.getTime() - csatWindowMs);
  return db
    .selectFrom('conversations as c')
    .innerJoin('reply_settings as s', 's.workspace_id', 'c.workspace_id')
    .innerJoin('contacts as k', 'k.id', 'c.contact_id')
    .select([
      'c.id',
      'c.workspace_id',
      'c.network',
      'c.is_private',
      'c.resolved_at',
      's.csat_question',
    ])
    .where('s.csat_enabled', '=', true)
    .where('c.status', '=', 'resolved')
    .where('c.resolved_at', '>=', since)
    .where('c.updated_at', '>=', since)
    .whereRef('c.resolved_at', '>=', 's.csat_enabled_at')
    .where('c.hidden_at', 'is', null)
    .where('c.is_spam', '=', false)
    .where('k.blocked_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('csat_surveys as v')
            .select(sql`1`.as('one'))
            .whereRef('v.conversation_id', '=', 'c.id')
            .whereRef('v.resolved_at', '=', 'c.resolved_at'),
        ),
      ),
    )
    .orderBy('c.resolved_at')
    .limit(limit)
    .execute();
}

/** Claims the survey of one resolution; false when another process already did. */
export async function insertSurvey(
  db: Kysely<Database>,
  survey: { workspaceId: string; conversationId: string; resolvedAt: Date; now: Date },
): Promise<string | undefined> {
  const row = await db
    .insertInto('csat_surveys')
    .values({
      id: newId(),
      workspace_id: survey.workspaceId,
      conversation_id: survey.conversationId,
      resolved_at: survey.resolvedAt,
      created_at: survey.now,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'resolved_at']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function setSurveyReply(db: Kysely<Database>, surveyId: string, replyId: string) {
  await db
    .updateTable('csat_surveys')
    .set({ reply_id: replyId })
    .where('id', '=', surveyId)
    .execute();
}

/** Surveys still waiting for an answer in these conversations, locked for the answer. */
export async function findAwaitingSurveys(
  db: Kysely<Database>,
  workspaceId: string,
  conversationIds: string[],
) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('csat_surveys as v')
    .innerJoin('conversations as c', 'c.id', 'v.conversation_id')
    .select(['v.id', 'v.conversation_id', 'v.created_at', 'c.contact_id'])
    .where('v.workspace_id', '=', workspaceId)
    .where('v.status', '=', 'awaiting')
    .where('v.conversation_id', 'in', conversationIds)
    .forUpdate('v')
    .execute();
}

export async function recordSurveyAnswer(
  db: Kysely<Database>,
  surveyId: string,
  answer: { score: number | null; mentionId: string; now: Date },
): Promise<void> {
  await db
    .updateTable('csat_surveys')
    .set({
      status: answer.score === null ? 'unanswered' : 'answered',
      score: answer.score,
      answer_mention_id: answer.mentionId,
      answered_at: answer.now,
    })
    .where('id', '=', surveyId)
    .execute();
}

/** Answered surveys, newest first, and the distribution of all answers. */
export async function listCsatAnswers(db: Kysely<Database>, workspaceId: string, limit: number) {
  const items = await db
    .selectFrom('csat_surveys')
    .select(['id', 'conversation_id', 'score', 'answer_mention_id', 'answered_at', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'answered')
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const counts = await db
    .selectFrom('csat_surveys')
    .select((eb) => ['status', 'score', eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy(['status', 'score'])
    .execute();
  return { items, counts };
}
