import type { Kysely } from 'kysely';
import { alwaysOpen, businessMinutesBetween } from '../../domain/business-hours.ts';
import type { BusinessHours } from '../../domain/business-hours.ts';
import { computeDueTimes } from '../../domain/sla.ts';
import { choosePolicy, firstCheckAt } from '../../domain/sla-escalation.ts';
import { hoursOf, listWorkspaceTeamHours } from '../../store/sla/business-hours.repository.ts';
import { listSlaPolicies } from '../../store/sla/sla-policies.repository.ts';
import {
  clearClocks,
  listRunningClockIds,
  loadClockRows,
  saveClocks,
} from '../../store/sla/sla-clock.repository.ts';
import type { ClockRow, ClockUpdate } from '../../store/sla/sla-clock.repository.ts';
import type { Database } from '../../store/schema.ts';

// A conversation without a team, or whose team has no hours set, is answered around the clock.
const roundTheClock = alwaysOpen('UTC');

/**
 * Recomputes the SLA clock of some conversations of one workspace from their policy, their team's
 * hours and what happened so far: due times, the inbox's due_at, when the scheduler must next look,
 * and paused time — the clock stops while a conversation waits on the customer (pending) and
 * stands still once it is resolved. Call in the transaction that changed them.
 */
export async function refreshSlaClocks(
  db: Kysely<Database>,
  workspaceId: string,
  conversationIds: readonly string[],
  now: Date,
): Promise<void> {
  const ids = [...new Set(conversationIds)];
  if (ids.length === 0) return;
  const policies = await listSlaPolicies(db, workspaceId);
  // Most workspaces start without SLAs: then intake pays one query, not a clock per conversation.
  if (policies.length === 0) return clearClocks(db, workspaceId, ids);
  const rows = await loadClockRows(db, workspaceId, ids);
  const teamHours = await listWorkspaceTeamHours(db, workspaceId);
  const hoursByTeam = new Map(teamHours.map((t) => [t.teamId, hoursOf(t.settings)]));
  const hoursFor = (row: ClockRow) => (row.teamId && hoursByTeam.get(row.teamId)) || roundTheClock;
  await saveClocks(
    db,
    workspaceId,
    rows.map((row) => clockOf(row, policies, hoursFor(row), now)),
  );
}

function clockOf(
  row: ClockRow,
  policies: Awaited<ReturnType<typeof listSlaPolicies>>,
  hours: BusinessHours,
  now: Date,
): ClockUpdate {
  let { pausedMinutes, pausedSince } = row;
  if (row.status === 'pending') pausedSince ??= now;
  else if (pausedSince) {
    pausedMinutes += businessMinutesBetween(pausedSince, now, hours);
    pausedSince = null;
  }
  const policy = choosePolicy(policies, row);
  const stopped = row.status === 'pending' || row.status === 'resolved';
  if (!policy || stopped) {
    return {
      id: row.id,
      policyId: policy?.id ?? null,
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      dueAt: null,
      checkAt: null,
      pausedMinutes,
      pausedSince,
    };
  }
  const due = computeDueTimes(policy, hours, {
    createdAt: row.createdAt,
    firstRespondedAt: row.firstRespondedAt,
    lastCustomerMessageAt: row.lastCustomerMessageAt,
    lastReplyAt: row.lastReplyAt,
    resolvedAt: row.resolvedAt,
    pausedMinutes,
  });
  return {
    id: row.id,
    policyId: policy.id,
    ...due,
    checkAt: firstCheckAt(due, policy.warnBeforeMinutes),
    pausedMinutes,
    pausedSince,
  };
}

/** Recomputes every running clock of a workspace (or one team's), after its rules changed. */
export async function refreshAllSlaClocks(
  db: Kysely<Database>,
  workspaceId: string,
  now: Date,
  teamId?: string,
): Promise<void> {
  const ids = await listRunningClockIds(db, workspaceId, teamId);
  for (let start = 0; start < ids.length; start += 1000)
    await refreshSlaClocks(db, workspaceId, ids.slice(start, start + 1000), now);
}
