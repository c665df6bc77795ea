import type { Kysely } from 'kysely';
import { refreshAllSlaClocks } from '../../pipeline/sla/sla-clock.ts';
import type { Database } from '../../store/schema.ts';
import {
  archiveSlaPolicy,
  createSlaPolicy as insertSlaPolicy,
  updateSlaPolicy,
} from '../../store/sla/sla-policies.repository.ts';
import type { SlaPolicyInput } from '../../store/sla/sla-policies.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

/** A policy may only name this workspace's teams, for whom it applies and to whom it escalates. */
async function checkTeams(db: Kysely<Database>, workspaceId: string, policy: SlaPolicyInput) {
  for (const teamId of [policy.teamId, policy.escalation.reassign?.teamId ?? null]) {
    if (teamId && !(await findTeam(db, workspaceId, teamId)))
      throw new AppError('team_not_found', 'no such team');
  }
}

const policyNotFound = () => new AppError('sla_policy_not_found', 'no such SLA policy');

// Each change re-times every open conversation's clock in the same transaction, so no clock
// keeps a deadline from a policy that no longer says so.

/** Adds an SLA policy and applies it to the open conversations it covers. */
export async function createSlaPolicy(context: UseCaseContext, policy: SlaPolicyInput) {
  const { workspaceId, now } = context;
  const { db } = context.store;
  await checkTeams(db, workspaceId, policy);
  return db.transaction().execute(async (tx) => {
    const created = await insertSlaPolicy(tx, workspaceId, policy, now);
    await refreshAllSlaClocks(tx, workspaceId, now);
    return created;
  });
}

/** Replaces an SLA policy's terms and re-times the open conversations' clocks. */
export async function replaceSlaPolicy(
  context: UseCaseContext,
  policyId: string,
  policy: SlaPolicyInput,
) {
  const { workspaceId, now } = context;
  const { db } = context.store;
  await checkTeams(db, workspaceId, policy);
  return db.transaction().execute(async (tx) => {
    const updated = await updateSlaPolicy(tx, workspaceId, policyId, policy, now);
    if (!updated) throw policyNotFound();
    await refreshAllSlaClocks(tx, workspaceId, now);
    return updated;
  });
}

/** Archives an SLA policy; the conversations it timed fall to the next policy that fits. */
export async function removeSlaPolicy(context: UseCaseContext, policyId: string): Promise<void> {
  const { workspaceId, now } = context;
  const { db } = context.store;
  await db.transaction().execute(async (tx) => {
    if (!(await archiveSlaPolicy(tx, workspaceId, policyId, now))) throw policyNotFound();
    await refreshAllSlaClocks(tx, workspaceId, now);
  });
}
