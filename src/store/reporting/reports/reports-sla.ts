import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { share } from '../../../domain/report-stats.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import {
  atWithin,
  dayMs,
  factConditions,
  rollupPlan,
  utcDate,
} from '../facts/report-facts-scope.ts';
import { conversationConditions, narrowsConversations } from './reports-scope.ts';
import type { Database } from '../../schema.ts';

const slaTargets = ['first_response', 'next_response', 'resolution'] as const;
type SlaTarget = (typeof slaTargets)[number];

export interface SlaReport {
  /** Breaches whose due time fell in the range, by target (every target listed). */
  breaches: Array<{ target: SlaTarget; breaches: number }>;
  totalBreaches: number;
  /** Conversations opened in the range with a first-response due time that has passed or was met. */
  withFirstResponseTarget: number;
  /** Of those, answered first at or before the due time. */
  answeredWithinSla: number;
  withinSlaShare: number | null;
}

/**
 * SLA breaches (from the escalations the scheduler recorded, one per conversation and target)
 * and the share of conversations whose first answer came before its due time. A conversation
 * still unanswered whose due time has not come yet is not counted either way.
 */
export async function findSlaReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<SlaReport> {
  // The conversation is looked up only when the filter names its owner (migration 0022).
  const owner = narrowsConversations(filter)
    ? sql`join conversations c on c.id = e.conversation_id and ${conversationConditions(filter)}`
    : sql``;
  const { rows } = await sql<{ target: SlaTarget; breaches: number }>`
    select e.target, count(*)::int as breaches
    from sla_escalations e ${owner}
    where e.workspace_id = ${filter.workspaceId} and e.kind = 'breach'
      and e.due_at >= ${filter.from} and e.due_at < ${filter.to}
    group by e.target`.execute(db);
  const { decided, within } = await targetShares(db, filter, new Date());
  const breaches = slaTargets.map((target) => ({
    target,
    breaches: rows.find((row) => row.target === target)?.breaches ?? 0,
  }));
  return {
    breaches,
    totalBreaches: breaches.reduce((sum, row) => sum + row.breaches, 0),
    withFirstResponseTarget: decided,
    answeredWithinSla: within,
    withinSlaShare: share(within, decided),
  };
}

/**
 * Conversations opened in the range with a first-response target that was met or has passed by
 * `now`, and how many were answered in time: from the target facts (migration 0023), per-day
 * rollups for whole UTC days of a one-slice filter and the facts for the rest — and for targets
 * still unanswered that fell due today, before now.
 */
async function targetShares(
  db: Kysely<Database>,
  filter: ReportFilter,
  now: Date,
): Promise<{ decided: number; within: number }> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const plan = rollupPlan(filter, dayMs);
  const today = new Date(Math.floor(now.getTime() / dayMs) * dayMs);
  const rollup = plan.rollup
    ? sql`select case when due_day is null then responded
          when due_day < ${utcDate(today)}::date then targets else 0 end as decided, within
        from report_target_days where workspace_id = ${filter.workspaceId}
          and slice = ${plan.rollup.slice} and slice_value = ${plan.rollup.value}
          and day >= ${utcDate(plan.rollup.from)}::date and day < ${utcDate(plan.rollup.to)}::date
        union all
        select 1, 0 from report_targets f where ${factConditions(filter)}
          and f.at >= ${plan.rollup.from} and f.at < ${plan.rollup.to}
          and f.responded_at is null and f.due_at >= ${today} and f.due_at <= ${now}
        union all`
    : sql``;
  const { rows } = await sql<{ decided: number; within: number }>`
    select coalesce(sum(decided), 0)::int as decided, coalesce(sum(within), 0)::int as within
    from (${rollup}
      select (f.responded_at is not null or f.due_at <= ${now})::int as decided,
        coalesce(f.responded_at <= f.due_at, false)::int as within
      from report_targets f where ${factConditions(filter)} and ${atWithin(plan.factSpans)}) x`.execute(
    db,
  );
  return rows[0]!;
}
