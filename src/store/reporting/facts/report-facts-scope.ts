import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';

const quarterMs = 15 * 60_000;
export const dayMs = 86_400_000;

/** The UTC date (YYYY-MM-DD) of an instant: how the daily rollups name their days. */
export const utcDate = (at: Date) => at.toISOString().slice(0, 10);

interface Span {
  from: Date;
  to: Date;
}

/**
 * A range cut at `stepMs` boundaries (quarter hours or UTC days): the whole steps inside it,
 * which the rollups answer, and the parts at either end, which the facts answer.
 */
export function splitRange(range: Span, stepMs: number): { whole?: Span; edges: Span[] } {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const first = Math.ceil(from / stepMs) * stepMs;
  const last = Math.floor(to / stepMs) * stepMs;
  if (first >= last) return { edges: [range] };
  const edges: Span[] = [];
  if (from < first) edges.push({ from: range.from, to: new Date(first) });
  if (last < to) edges.push({ from: new Date(last), to: range.to });
  return { whole: { from: new Date(first), to: new Date(last) }, edges };
}

/**
 * The rollup slice a filter reads: the workspace, or the one brand, network, team or agent it
 * names. Undefined when it narrows on two or more: the facts answer those (still exact).
 */
function sliceOf(filter: ReportFilter): { slice: string; value: string } | undefined {
  const named = [
    ['brand', filter.brandId],
    ['network', filter.network],
    ['team', filter.teamId],
    ['agent', filter.agentId],
  ].filter((pair): pair is [string, string] => Boolean(pair[1]));
  if (named.length > 1) return undefined;
  const [slice, value] = named[0] ?? ['all', ''];
  return { slice, value };
}

/** The filter's conditions on a fact row (alias `f`), apart from time. */
export function factConditions(filter: ReportFilter): RawBuilder<unknown> {
  const parts = [sql`f.workspace_id = ${filter.workspaceId}`];
  if (filter.brandId) parts.push(sql`f.brand_id = ${filter.brandId}`);
  if (filter.network) parts.push(sql`f.network = ${filter.network}`);
  if (filter.teamId) parts.push(sql`f.team_id = ${filter.teamId}`);
  if (filter.agentId) parts.push(sql`f.assignee_id = ${filter.agentId}`);
  return sql.join(parts, sql` and `);
}

/** `f.at` within one of the spans (an empty list matches nothing). */
export function atWithin(spans: readonly Span[]): RawBuilder<unknown> {
  if (spans.length === 0) return sql`false`;
  return sql`(${sql.join(
    spans.map((span) => sql`(f.at >= ${span.from} and f.at < ${span.to})`),
    sql` or `,
  )})`;
}

/** Where the rollups answer and where the facts must: by slice, whole steps and edges. */
export function rollupPlan(filter: ReportFilter, stepMs: number) {
  const slice = sliceOf(filter);
  const split = splitRange(filter, stepMs);
  if (!slice || !split.whole) return { factSpans: [{ from: filter.from, to: filter.to }] };
  return { rollup: { ...slice, ...split.whole }, factSpans: split.edges };
}

/**
 * Per quarter hour (alias columns: `at`, then the counts of report_quarters) for the filter's
 * range: rollup rows for whole quarters, fact rows (one per message or flow event, `at` exact)
 * for the ends, so a sum or a grouping by local day or hour equals a count of the facts.
 */
export function measureRows(filter: ReportFilter): RawBuilder<unknown> {
  const plan = rollupPlan(filter, quarterMs);
  const rollup = plan.rollup
    ? sql`select bucket as at, customer_messages, team_replies, needing_reply, answered, positive,
          neutral, negative, other_sentiment, opened, resolutions, reopens, transfers
        from report_quarters where workspace_id = ${filter.workspaceId}
          and slice = ${plan.rollup.slice} and slice_value = ${plan.rollup.value}
          and bucket >= ${plan.rollup.from} and bucket < ${plan.rollup.to}
        union all`
    : sql``;
  const where = sql`${factConditions(filter)} and ${atWithin(plan.factSpans)}`;
  return sql`${rollup}
    select f.at, ${messageMeasures} from report_messages f where ${where}
    union all
    select f.at, ${flowMeasures} from report_flow f where ${where}`;
}

/** The counts of report_quarters for one message fact (alias `f`). */
export const messageMeasures = sql`(not f.by_brand)::int as customer_messages,
  f.by_brand::int as team_replies, f.needs_reply::int as needing_reply,
  (f.needs_reply and f.answered_at is not null)::int as answered,
  (not f.by_brand and f.sentiment is not distinct from 'positive')::int as positive,
  (not f.by_brand and f.sentiment is not distinct from 'neutral')::int as neutral,
  (not f.by_brand and f.sentiment is not distinct from 'negative')::int as negative,
  (not f.by_brand and coalesce(f.sentiment not in ('positive', 'neutral', 'negative'), true))::int
    as other_sentiment,
  0 as opened, 0 as resolutions, 0 as reopens, 0 as transfers`;

/** The counts of report_quarters for one flow fact (alias `f`). */
export const flowMeasures = sql`0 as customer_messages, 0 as team_replies, 0 as needing_reply,
  0 as answered, 0 as positive, 0 as neutral, 0 as negative, 0 as other_sentiment,
  (f.kind = 'created')::int as opened, (f.kind = 'resolved')::int as resolutions,
  (f.kind = 'reopened')::int as reopens, (f.kind = 'transferred')::int as transfers`;
