import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { answerCounts, answerSlices } from '../facts/report-answer-facts.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import {
  atWithin,
  dayMs,
  factConditions,
  rollupPlan,
  utcDate,
} from '../facts/report-facts-scope.ts';
import { narrowsConversations } from './reports-scope.ts';
import type { Database } from '../../schema.ts';

export const sentimentChangeDimensions = ['all', 'brand', 'network', 'team'] as const;
type SentimentChangeDimension = (typeof sentimentChangeDimensions)[number];

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

/**
 * Did the customer feel better after the team answered? For each conversation the team first
 * answered in the range (a reply Earshot sent or the brand's own post seen on the network), the
 * customer's last message before that answer is compared with their next message after it,
 * written before the range ends. Hidden messages (spam, abuse) are left out. Sentiment is the
 * model's label and score as stored at intake.
 *
 * Read from the sentiment-change facts (src/store/reporting/facts/report-answer-facts.ts): for the whole
 * workspace, per-day rollups for whole UTC days and the facts for the ends of the range (and for
 * next messages written on the range's last day, before it ended); a filter on a brand, network,
 * team or agent reads the facts of the range.
 */
export async function findSentimentChangeReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<SentimentChangeRow[]> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const { workspaceId, to } = filter;
  const plan = narrowsConversations(filter)
    ? { factSpans: [{ from: filter.from, to }] }
    : rollupPlan(filter, dayMs);
  const lastDay = new Date(Math.floor(to.getTime() / dayMs) * dayMs);
  // Whole days: every row counts as answered; a row whose next message came on a day before
  // the range's last day also counts its comparisons (the customer wrote again in the range).
  const rollup = plan.rollup
    ? sql`select slice, slice_value as value, answered,
          case when wrote then answered else 0 end as wrote_again,
          case when wrote then improved else 0 end as improved,
          case when wrote then same else 0 end as same,
          case when wrote then worse else 0 end as worse,
          case when wrote then unlabelled else 0 end as unlabelled,
          case when wrote then scored else 0 end as scored,
          case when wrote then score_change else 0 end as score_change
        from (select d.*, coalesce(d.after_day < ${utcDate(lastDay)}::date, false) as wrote
          from report_answer_days d where workspace_id = ${workspaceId}
            and day >= ${utcDate(plan.rollup.from)}::date and day < ${utcDate(plan.rollup.to)}::date) d
        union all`
    : sql``;
  // The facts: answers at the ends of the range (counted whole), and whole days' answers whose
  // customer wrote again on the range's last day before it ended (the rollup left those out).
  const lateOnLastDay = plan.rollup
    ? sql`or (f.at >= ${plan.rollup.from} and f.at < ${plan.rollup.to}
        and f.after_at >= ${lastDay} and f.after_at < ${to})`
    : sql``;
  const { rows } = await sql<Omit<SentimentChangeRow, 'dimension'> & { slice: string }>`
    with parts as (${rollup}
      select s.slice, s.value, (count(*) filter (where r.counted))::int as answered,
        count(r.after_at)::int as wrote_again,
        ${answerCounts}
      from (select f.brand_id, f.network, f.team_id, f.before_rank, f.before_score,
          ${atWithin(plan.factSpans)} as counted,
          -- What the customer wrote after the range ended does not count.
          case when f.after_at < ${to} then f.after_at end as after_at,
          case when f.after_at < ${to} then f.after_rank end as after_rank,
          case when f.after_at < ${to} then f.after_score end as after_score
        from report_answers f where ${factConditions(filter)}
          and (${atWithin(plan.factSpans)} ${lateOnLastDay})) r
      ${answerSlices}
      where s.value is not null
      group by s.slice, s.value),
    totals as (
      select slice, value, sum(answered)::int as answered, sum(wrote_again)::int as wrote_again,
        sum(improved)::int as improved, sum(same)::int as same, sum(worse)::int as worse,
        sum(unlabelled)::int as unlabelled, sum(scored)::int as scored,
        sum(score_change)::float8 as score_change
      from parts group by slice, value)
    select x.slice, case when x.slice = 'all' or x.value = '' then null else x.value end as key,
      case x.slice when 'brand' then b.name when 'network' then x.value when 'team' then t.name
        end as label,
      x.answered, x.wrote_again as "wroteAgain", x.improved, x.same, x.worse, x.unlabelled,
      case when x.scored > 0 then x.score_change / x.scored end as "meanScoreChange", x.scored
    from totals x
    left join brands b on x.slice = 'brand' and b.id::text = x.value
    left join teams t on x.slice = 'team' and t.id::text = x.value
    where x.answered > 0 or x.slice = 'all'
    order by case x.slice when 'all' then 0 when 'brand' then 1 when 'network' then 2 else 3 end,
      x.answered desc, label`.execute(db);
  const result = rows.map(({ slice, ...row }) => ({
    dimension: slice as SentimentChangeDimension,
    ...row,
  }));
  // The `all` row is there even when nothing was answered; the splits only for what was.
  if (!result.some((row) => row.dimension === 'all'))
    result.unshift({ dimension: 'all', key: null, label: null, ...noAnswers });
  return result;
}

const noAnswers = {
  answered: 0,
  wroteAgain: 0,
  improved: 0,
  same: 0,
  worse: 0,
  unlabelled: 0,
  meanScoreChange: null,
  scored: 0,
};
