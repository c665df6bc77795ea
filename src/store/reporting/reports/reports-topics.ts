import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { localDay } from '../../../domain/report-filter.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { risingTopics } from '../../../domain/report-topics.ts';
import type { RisingTopic } from '../../../domain/report-topics.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import { atWithin, dayMs, factConditions, rollupPlan } from '../facts/report-facts-scope.ts';
import { conversationConditions, narrowsConversations } from './reports-scope.ts';
import type { Database } from '../../schema.ts';

/** The most texts read per period: enough to rank topics, bounded on a million mentions. */
const topicTextCap = 5000;

export interface TopicsReport {
  /** The period before the range, of the same length. */
  previous: { from: string; to: string };
  /** Every negative customer mention of each period (hidden ones left out), not only those read. */
  negativeMentions: { current: number; previous: number };
  /**
   * The texts counted: the latest `topicTextCap` negative mentions of each period. Fewer than
   * `negativeMentions` when the period had more (the items then describe its latest mentions).
   */
  textsRead: { current: number; previous: number };
  items: RisingTopic[];
}

/**
 * Terms and two-word phrases that rise most in negative customer mentions (hidden ones left
 * out) of the range against the period of the same length before it. SQL picks the texts (the
 * latest `cap` of each period, through the partial indexes of migration 0019) and counts them
 * (the reporting facts, less the hidden mentions); the topics are the domain's.
 */
export async function findTopicsReport(
  db: Kysely<Database>,
  filter: ReportFilter,
  cap = topicTextCap,
): Promise<TopicsReport> {
  const previousFrom = new Date(2 * filter.from.getTime() - filter.to.getTime());
  const before = { ...filter, from: previousFrom, to: filter.from };
  const narrowed = narrowsConversations(filter);
  if (narrowed) await foldPendingReportFacts(db, filter.workspaceId);
  // The partial index holds exactly these mentions: `m.triage->>'sentiment'` written as there.
  // An erased mention's tombstone is no topic: its words are left out (it still counts).
  const negative = sql`m.workspace_id = ${filter.workspaceId} and not m.from_brand
    and m.hidden_at is null and (m.triage->>'sentiment') = 'negative' and m.erased_at is null`;
  // The whole workspace: its negative mentions newest first. Narrowed to an owner (the
  // conversation's): the negative facts newest first, whose index holds the owner, and the
  // mention of each that matches, looked up per fact (OFFSET 0: as a join, the planner takes
  // the pair of equalities for one row in thousands, and hashes and sorts a whole year).
  const texts = (from: Date, to: Date, period: 0 | 1) =>
    narrowed
      ? sql`(select ${sql.lit(period)} as period, m.id, m.text from report_messages f
          cross join lateral (select m.id, m.text from mentions m
            where m.conversation_id = f.conversation_id and m.posted_at = f.at and ${negative}
            offset 0) m
          where ${factConditions(filter)} and not f.by_brand and f.sentiment = 'negative'
            and f.at >= ${from} and f.at < ${to}
          order by f.at desc limit ${cap})`
      : sql`(select ${sql.lit(period)} as period, m.id, m.text from mentions m
          where ${negative} and m.posted_at >= ${from} and m.posted_at < ${to}
          order by m.posted_at desc limit ${cap})`;
  const { rows } = await sql<{ period: number; id: string; text: string }>`
    ${texts(filter.from, filter.to, 1)} union all ${texts(previousFrom, filter.from, 0)}`.execute(
    db,
  );
  // Two negative mentions of one conversation at the same instant meet both facts: once each.
  const read = new Set<string>();
  const [current, previous]: [string[], string[]] = [[], []];
  for (const row of rows) {
    if (read.has(row.id)) continue;
    read.add(row.id);
    (row.period === 1 ? current : previous).push(row.text);
  }
  const counted = { current: current.length, previous: previous.length };
  // Under the cap, the texts are every negative mention: no need to count them again.
  const negativeMentions = {
    current: counted.current < cap ? counted.current : await countNegative(db, filter),
    previous: counted.previous < cap ? counted.previous : await countNegative(db, before),
  };
  return {
    previous: { from: previousFrom.toISOString(), to: filter.from.toISOString() },
    negativeMentions,
    textsRead: counted,
    items: risingTopics(current, previous),
  };
}

/**
 * Negative customer mentions of the filter's range, hidden ones left out: the reporting facts'
 * count (whole UTC days from the daily label rollup, the ends from the message facts; both
 * include hidden mentions), less the hidden ones (few, through their own index).
 */
async function countNegative(db: Kysely<Database>, filter: ReportFilter): Promise<number> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const plan = rollupPlan(filter, dayMs);
  const days = plan.rollup
    ? sql`(select coalesce(sum(mentions), 0) from report_label_days
        where workspace_id = ${filter.workspaceId} and slice = ${plan.rollup.slice}
          and slice_value = ${plan.rollup.value} and dimension = 'sentiment'
          and value = 'negative' and day >= ${localDay(plan.rollup.from, 'UTC')}::date
          and day < ${localDay(plan.rollup.to, 'UTC')}::date)`
    : sql`0`;
  const { rows } = await sql<{ negative: number }>`select ${days}::int
      + (select count(*) from report_messages f where ${factConditions(filter)}
        and not f.by_brand and f.sentiment = 'negative' and ${atWithin(plan.factSpans)})::int
      - (select count(*) from mentions m
        where m.workspace_id = ${filter.workspaceId} and m.hidden_at is not null
          and not m.from_brand and (m.triage->>'sentiment') = 'negative'
          and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to}
          ${conversationMatches(filter)})::int as negative`.execute(db);
  return rows[0]!.negative;
}

/**
 * The filter's conditions on a mention's conversation; none when it names only the workspace (a
 * mention's workspace is its conversation's). Asked per mention, for the few hidden ones (OFFSET
 * 0 keeps the planner from hashing every conversation of the brand, team or agent instead).
 */
function conversationMatches(filter: ReportFilter) {
  return narrowsConversations(filter)
    ? sql`and exists (select from conversations c
        where c.id = m.conversation_id and ${conversationConditions(filter)} offset 0)`
    : sql``;
}
