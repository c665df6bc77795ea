import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { conversationConditions } from './reports-scope.ts';
import type { Database } from './schema.ts';

export const sentimentChangeDimensions = ['all', 'brand', 'network', 'team'] as const;
export type SentimentChangeDimension = (typeof sentimentChangeDimensions)[number];

export interface SentimentChangeRow {
  /** `all` is the whole filter; the others split it by the conversation's brand, network or team. */
  dimension: SentimentChangeDimension;
  /** The brand's or team's id, or the network; null for `all` and for conversations without a team. */
  key: string | null;
  /** The brand's or team's name, or the network; null for `all` and for no team. */
  label: string | null;
  /** Conversations the team first answered in the range, after a customer message. */
  answered: number;
  /** Of those, the ones where the customer wrote again before the range ended. */
  wroteAgain: number;
  /** Label compared (negative < neutral < positive) between the message before and the one after. */
  improved: number;
  same: number;
  worse: number;
  /** One of the two messages had no sentiment label (triage did not see it). */
  unlabelled: number;
  /** Mean of (score after − score before), over the pairs where both messages have a score. */
  meanScoreChange: number | null;
  scored: number;
}

/** The label's rank, so that a higher number reads better. */
const rank = (column: string) => sql`case ${sql.ref(column)}
  when 'negative' then -1 when 'neutral' then 0 when 'positive' then 1 end`;

/** The triage score when it is a number (older or imported triage may have none). */
const score = sql`case when jsonb_typeof(m.triage->'sentimentScore') = 'number'
  then (m.triage->>'sentimentScore')::float8 end`;

/**
 * Did the customer feel better after the team answered? For each conversation the team first
 * answered in the range (a reply Earshot sent or the brand's own post seen on the network), the
 * customer's last message before that answer is compared with their next message after it,
 * written before the range ends. Hidden messages (spam, abuse) are left out. Sentiment is the
 * model's label and score as stored at intake.
 */
export async function findSentimentChangeReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<SentimentChangeRow[]> {
  const { workspaceId, from, to } = filter;
  const { rows } = await sql<
    Omit<SentimentChangeRow, 'dimension'> & { level: number }
  >`with answers as (
      select m.conversation_id, m.posted_at as at from mentions m
      where m.workspace_id = ${workspaceId} and m.from_brand
        and m.posted_at >= ${from} and m.posted_at < ${to}
      union all
      select r.conversation_id, r.sent_at from replies r
      where r.workspace_id = ${workspaceId} and r.status = 'sent'
        and r.sent_at >= ${from} and r.sent_at < ${to}),
    first_answers as (
      select a.conversation_id, min(a.at) as at, c.brand_id, c.network, c.team_id
      from answers a join conversations c on c.id = a.conversation_id
        and ${conversationConditions(filter)}
      group by a.conversation_id, c.brand_id, c.network, c.team_id),
    firsts as (
      -- The first answer in the range is the conversation's first only if none came before it.
      select f.* from first_answers f
      where not exists (select 1 from mentions m where m.conversation_id = f.conversation_id
          and m.from_brand and m.posted_at < f.at)
        and not exists (select 1 from replies r where r.conversation_id = f.conversation_id
          and r.status = 'sent' and r.sent_at < f.at)),
    pairs as (
      select f.brand_id, f.network, f.team_id, b.sentiment as before_label, b.score as before_score,
        a.sentiment as after_label, a.score as after_score, a.conversation_id is not null as wrote_again
      from firsts f
      -- A customer message stamped the same second as the answer came before it.
      join lateral (select m.triage->>'sentiment' as sentiment, ${score} as score
        from mentions m where m.conversation_id = f.conversation_id and not m.from_brand
          and m.hidden_at is null and m.posted_at <= f.at
        order by m.posted_at desc, m.id desc limit 1) b on true
      left join lateral (select m.conversation_id, m.triage->>'sentiment' as sentiment,
          ${score} as score
        from mentions m where m.conversation_id = f.conversation_id and not m.from_brand
          and m.hidden_at is null and m.posted_at > f.at and m.posted_at < ${to}
        order by m.posted_at, m.id limit 1) a on true),
    ranked as (
      select brand_id, network, team_id, wrote_again, after_score - before_score as score_change,
        ${rank('before_label')} as before_rank, ${rank('after_label')} as after_rank
      from pairs)
    select grouping(x.brand_id, x.network, x.team_id)::int as level,
      coalesce(x.brand_id::text, x.network, x.team_id::text) as key,
      coalesce(b.name, x.network, t.name) as label,
      count(*)::int as answered,
      (count(*) filter (where wrote_again))::int as "wroteAgain",
      (count(*) filter (where after_rank > before_rank))::int as improved,
      (count(*) filter (where after_rank = before_rank))::int as same,
      (count(*) filter (where after_rank < before_rank))::int as worse,
      (count(*) filter (where wrote_again and (after_rank is null or before_rank is null)))::int
        as unlabelled,
      avg(score_change)::float8 as "meanScoreChange",
      count(score_change)::int as scored
    from ranked x
    left join brands b on b.id = x.brand_id
    left join teams t on t.id = x.team_id
    group by grouping sets ((), (x.brand_id, b.name), (x.network), (x.team_id, t.name))
    -- all, then brand, network and team (grouping(): brand 4, network 2, team 1 left out)
    order by case grouping(x.brand_id, x.network, x.team_id) when 7 then 0 when 3 then 1
      when 5 then 2 else 3 end, answered desc, label`.execute(db);
  // The `all` row is there even when nothing was answered; the splits only for what was.
  return rows.map(({ level, ...row }) => ({ dimension: dimensionOf(level), ...row }));
}

// grouping() sets a bit for each column left out: brand 4, network 2, team 1.
function dimensionOf(level: number): SentimentChangeDimension {
  if (level === 7) return 'all';
  if (level === 3) return 'brand';
  if (level === 5) return 'network';
  return 'team';
}
