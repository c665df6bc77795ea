import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { deleteDays, factsOfDays } from './report-facts-rollup.ts';
import type { Database } from '../../schema.ts';

/** A sentiment label's rank, so that a higher number reads better (null: no label). */
const sentimentRank = (label: RawBuilder<unknown>) => sql`case ${label}
  when 'negative' then -1 when 'neutral' then 0 when 'positive' then 1 end`;

/** The triage score when it is a number (older or imported triage may have none). */
const score = sql`case when jsonb_typeof(m.triage->'sentimentScore') = 'number'
  then (m.triage->>'sentimentScore')::float8 end`;

/**
 * The sentiment-change facts (migration 0018) of these conversations, or of all of a
 * workspace's: for each conversation the team answered (a reply Earshot sent or the brand's own
 * post), its first answer, the customer's last visible message before it (stamped the same
 * second counts as before) and their next visible message after it. Conversations whose first
 * answer came before any customer message have no row. Hidden messages (spam, abuse) are left
 * out, so hiding one refolds its conversation.
 */
export function insertAnswerFacts(scope: { ids: string[] } | { workspaceId: string }) {
  const conversations =
    'ids' in scope
      ? sql`c.id = any(${scope.ids}::uuid[])`
      : sql`c.workspace_id = ${scope.workspaceId}`;
  return sql`insert into report_answers (workspace_id, conversation_id, at, brand_id, network,
      team_id, assignee_id, before_rank, before_score, after_at, after_rank, after_score)
    select c.workspace_id, c.id, first.at, c.brand_id, c.network, c.team_id, c.assignee_id,
      ${sentimentRank(sql`b.sentiment`)}, b.score, a.posted_at, ${sentimentRank(sql`a.sentiment`)},
      a.score
    from conversations c
    cross join lateral (select least(
        (select min(m.posted_at) from mentions m where m.conversation_id = c.id and m.from_brand),
        (select min(r.sent_at) from replies r where r.conversation_id = c.id
          and r.status = 'sent')) as at) first
    join lateral (select m.triage->>'sentiment' as sentiment, ${score} as score
      from mentions m where m.conversation_id = c.id and not m.from_brand
        and m.hidden_at is null and m.posted_at <= first.at
      order by m.posted_at desc, m.id desc limit 1) b on true
    left join lateral (select m.posted_at, m.triage->>'sentiment' as sentiment, ${score} as score
      from mentions m where m.conversation_id = c.id and not m.from_brand
        and m.hidden_at is null and m.posted_at > first.at
      order by m.posted_at, m.id limit 1) a on true
    where ${conversations} and first.at is not null`;
}

/**
 * The slices a sentiment-change fact (alias `r`) counts in: the workspace, its brand, network
 * and team ('' for none: the report lists conversations without a team too).
 */
export const answerSlices = sql`cross join lateral (values ('all', ''),
    ('brand', r.brand_id::text), ('network', r.network), ('team', coalesce(r.team_id::text, '')))
  s(slice, value)`;

/** Recounts the per-day sentiment-change rollups of these UTC days (YYYY-MM-DD), or all. */
export async function recomputeAnswerDays(
  tx: Kysely<Database>,
  workspaceId: string,
  days: string[] | 'all',
): Promise<void> {
  if (days.length === 0) return;
  await deleteDays(tx, sql`report_answer_days`, workspaceId, days);
  await sql`insert into report_answer_days (workspace_id, slice, slice_value, day, after_day,
      answered, improved, same, worse, unlabelled, scored, score_change)
    select ${workspaceId}::uuid, s.slice, s.value, r.day,
      (r.after_at at time zone 'UTC')::date as after_day, count(*)::int,
      ${answerCounts}
    from (${factsOfDays(sql`report_answers`, sql`true`, workspaceId, days)}) r ${answerSlices}
    where s.value is not null
    group by s.slice, s.value, r.day, after_day`.execute(tx);
}

/**
 * Improved, same, worse, unlabelled, scored and the sum of score changes over facts (alias `r`)
 * whose customer wrote again (the caller's rows; a fact without a next message counts nowhere).
 */
export const answerCounts = sql`
  (count(*) filter (where r.after_rank > r.before_rank))::int as improved,
  (count(*) filter (where r.after_rank = r.before_rank))::int as same,
  (count(*) filter (where r.after_rank < r.before_rank))::int as worse,
  (count(*) filter (where r.after_at is not null
    and (r.after_rank is null or r.before_rank is null)))::int as unlabelled,
  count(r.after_score - r.before_score)::int as scored,
  coalesce(sum(r.after_score - r.before_score), 0)::float8 as score_change`;
