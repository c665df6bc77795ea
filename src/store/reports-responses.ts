import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { BusinessHours } from '../domain/business-hours.ts';
import type { ReportFilter } from '../domain/report-filter.ts';
import { emptyDurationSummary, share, summarizeBusinessDurations } from '../domain/report-stats.ts';
import type { DurationSummary } from '../domain/report-stats.ts';
import {
  conversationConditions,
  durationAggregates,
  mentionNeedsReply,
  narrowsConversations,
} from './reports-scope.ts';
import type { DurationAggregateRow } from './reports-scope.ts';
import type { Database } from './schema.ts';

export interface ResponseReport {
  /** From a conversation's first customer message to the team's first answer. */
  firstResponse: DurationSummary;
  /** From a customer's later message (after an answer) to the next answer. */
  nextResponse: DurationSummary;
  /** Customer mentions that needed an answer (complaint or question), and how many got one. */
  needingReply: number;
  answered: number;
  responseRate: number | null;
}

/** Counted in wall-clock time, or in a team's open hours when `hours` is given. */
export interface ClockOptions {
  hours?: BusinessHours;
}

/**
 * Response times and the response rate of the customer messages written in the range. The
 * timeline of each conversation is its mentions (the brand's own posts seen on the network or
 * imported are answers) and the replies Earshot sent; a turn is a customer message that follows
 * an answer (or opens the conversation), and its response is the next answer after it.
 */
export async function findResponseReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  options: ClockOptions = {},
): Promise<ResponseReport> {
  const timeline = conversationTimeline(filter);
  const inRange = sql`at >= ${filter.from} and at < ${filter.to}`;
  const turns = sql`turns as (
      select case when customer_index = 1 then 'first' else 'next' end as kind, at, answered_at,
        extract(epoch from answered_at - at)::float8 as seconds
      from ordered
      where not by_brand and coalesce(previous_by_brand, true) and answered_at is not null
        and ${inRange})`;
  const rate = sql`rate as (
      select count(*) filter (where needs_reply)::int as needing,
        count(*) filter (where needs_reply and answered_at is not null)::int as answered
      from ordered where not by_brand and ${inRange})`;
  let durations: { first: DurationSummary; next: DurationSummary };
  let counts: { needing: number; answered: number };
  if (options.hours) {
    [durations, counts] = await Promise.all([
      businessDurations(db, sql`${timeline}, ${turns}`, options.hours),
      sql<{ needing: number; answered: number }>`${timeline}, ${rate} select * from rate`
        .execute(db)
        .then((result) => result.rows[0]!),
    ]);
  } else {
    // One statement: the timeline is built once and read by both the turns and the rate.
    const { rows } = await sql<
      DurationAggregateRow & { kind: string | null; needing: number; answered: number }
    >`${timeline}, ${turns}, ${rate},
      summaries as (select kind, ${durationAggregates} from turns group by kind)
      select s.*, r.needing, r.answered from rate r left join summaries s on true`.execute(db);
    durations = {
      first: toSummary(rows.find((row) => row.kind === 'first')),
      next: toSummary(rows.find((row) => row.kind === 'next')),
    };
    counts = rows[0]!;
  }
  const { needing, answered } = counts;
  return {
    firstResponse: durations.first,
    nextResponse: durations.next,
    needingReply: needing,
    answered,
    responseRate: share(answered, needing),
  };
}

/**
 * `ordered`: every message of the conversations a customer wrote in during the range, in time
 * order (a customer's message before an answer stamped the same second), each with whether the
 * message before it was the brand's, how many customer messages the conversation had so far,
 * and when the next answer came.
 */
export function conversationTimeline(filter: ReportFilter): RawBuilder<unknown> {
  const join = narrowsConversations(filter)
    ? sql`join conversations c on c.id = m.conversation_id and ${conversationConditions(filter)}`
    : sql``;
  return sql`with touched as (
      select distinct m.conversation_id as id from mentions m ${join}
      where m.workspace_id = ${filter.workspaceId} and not m.from_brand
        and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to}),
    messages as (
      -- Lateral: one index lookup per conversation, never a scan of every mention.
      select t.id as conversation_id, m.at, m.by_brand, m.needs_reply from touched t
      cross join lateral (
        select m.posted_at as at, m.from_brand as by_brand,
          (not m.from_brand and ${mentionNeedsReply}) as needs_reply
        from mentions m where m.conversation_id = t.id
        union all
        select r.sent_at, true, false from replies r
        where r.conversation_id = t.id and r.status = 'sent' and r.sent_at is not null) m),
    ordered as (
      select at, by_brand, needs_reply,
        lag(by_brand) over timeline as previous_by_brand,
        count(*) filter (where not by_brand) over timeline as customer_index,
        min(at) filter (where by_brand) over (partition by conversation_id order by at, by_brand
          rows between current row and unbounded following) as answered_at
      from messages
      window timeline as (partition by conversation_id order by at, by_brand
        rows between unbounded preceding and current row))`;
}

async function businessDurations(
  db: Kysely<Database>,
  turns: RawBuilder<unknown>,
  hours: BusinessHours,
): Promise<{ first: DurationSummary; next: DurationSummary }> {
  const { rows } = await sql<{ kind: string; at: Date; answered_at: Date }>`${turns}
    select kind, at, answered_at from turns`.execute(db);
  const spans = (kind: string) =>
    rows.filter((row) => row.kind === kind).map((row) => ({ from: row.at, to: row.answered_at }));
  return {
    first: summarizeBusinessDurations(spans('first'), hours),
    next: summarizeBusinessDurations(spans('next'), hours),
  };
}

/** A duration summary from the SQL aggregates (none when the group had no rows). */
export function toSummary(row: DurationAggregateRow | undefined): DurationSummary {
  if (!row || row.count === 0) return emptyDurationSummary;
  return {
    count: row.count,
    medianSeconds: row.median_seconds,
    p90Seconds: row.p90_seconds,
    meanSeconds: row.mean_seconds,
    withinHourShare: row.within_hour / row.count,
  };
}
