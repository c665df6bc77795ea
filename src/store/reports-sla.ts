import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { share } from '../domain/report-stats.ts';
import { conversationConditions } from './reports-scope.ts';
import type { Database } from './schema.ts';

export const slaTargets = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof slaTargets)[number];

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
  const { rows } = await sql<{ target: SlaTarget; breaches: number }>`
    select e.target, count(*)::int as breaches
    from sla_escalations e join conversations c on c.id = e.conversation_id
      and ${conversationConditions(filter)}
    where e.workspace_id = ${filter.workspaceId} and e.kind = 'breach'
      and e.due_at >= ${filter.from} and e.due_at < ${filter.to}
    group by e.target`.execute(db);
  const { rows: shares } = await sql<{ decided: number; within: number }>`
    select count(*)::int as decided,
      (count(*) filter (where c.first_responded_at <= c.first_response_due_at))::int as within
    from conversations c
    where ${conversationConditions(filter)}
      and c.created_at >= ${filter.from} and c.created_at < ${filter.to}
      and c.first_response_due_at is not null
      and (c.first_responded_at is not null or c.first_response_due_at <= now())`.execute(db);
  const breaches = slaTargets.map((target) => ({
    target,
    breaches: rows.find((row) => row.target === target)?.breaches ?? 0,
  }));
  const { decided, within } = shares[0]!;
  return {
    breaches,
    totalBreaches: breaches.reduce((sum, row) => sum + row.breaches, 0),
    withFirstResponseTarget: decided,
    answeredWithinSla: within,
    withinSlaShare: share(within, decided),
  };
}
