import type { Kysely } from 'kysely';
import type { SlaEscalation, SlaPolicyRule } from '../../domain/sla-escalation.ts';
import { newId } from '../ids.ts';
import type { Database, SlaPoliciesTable } from '../schema.ts';
import type { Selectable } from 'kysely';

/** A policy as an admin writes it. */
export type SlaPolicyInput = Omit<SlaPolicyRule, 'id'>;

type PolicyRow = Selectable<SlaPoliciesTable>;

function toEscalation(value: Record<string, unknown>): SlaEscalation {
  const reassign = value['reassign'] as { teamId: string | null } | null | undefined;
  return {
    notify: value['notify'] !== false,
    reassign: reassign ? { teamId: reassign.teamId ?? null } : null,
    raisePriorityBy: typeof value['raisePriorityBy'] === 'number' ? value['raisePriorityBy'] : 0,
  };
}

function toSlaPolicy(row: PolicyRow): SlaPolicyRule {
  return {
    id: row.id,
    name: row.name,
    teamId: row.team_id,
    minPriority: row.min_priority,
    maxPriority: row.max_priority,
    firstResponseMinutes: row.first_response_minutes,
    nextResponseMinutes: row.next_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    warnBeforeMinutes: row.warn_before_minutes,
    escalation: toEscalation(row.escalation),
  };
}

function toColumns(policy: SlaPolicyInput) {
  return {
    name: policy.name,
    team_id: policy.teamId,
    min_priority: policy.minPriority,
    max_priority: policy.maxPriority,
    first_response_minutes: policy.firstResponseMinutes,
    next_response_minutes: policy.nextResponseMinutes,
    resolution_minutes: policy.resolutionMinutes,
    warn_before_minutes: policy.warnBeforeMinutes,
    escalation: JSON.stringify(policy.escalation),
  };
}

export async function createSlaPolicy(
  db: Kysely<Database>,
  workspaceId: string,
  policy: SlaPolicyInput,
  now: Date,
): Promise<SlaPolicyRule> {
  const row = await db
    .insertInto('sla_policies')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      ...toColumns(policy),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSlaPolicy(row);
}

/** Replaces a live policy; undefined when there is none by that id in the workspace. */
export async function updateSlaPolicy(
  db: Kysely<Database>,
  workspaceId: string,
  policyId: string,
  policy: SlaPolicyInput,
  now: Date,
): Promise<SlaPolicyRule | undefined> {
  const row = await db
    .updateTable('sla_policies')
    .set({ ...toColumns(policy), updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', policyId)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toSlaPolicy(row);
}

/** Archives a policy; true if the workspace has it (archived now or before). */
export async function archiveSlaPolicy(
  db: Kysely<Database>,
  workspaceId: string,
  policyId: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('sla_policies')
    .set((eb) => ({ archived_at: eb.fn.coalesce('archived_at', eb.val(now)) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', policyId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The workspace's live policies, oldest first (the order ties are broken in). */
export async function listSlaPolicies(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<SlaPolicyRule[]> {
  const rows = await db
    .selectFrom('sla_policies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSlaPolicy);
}
