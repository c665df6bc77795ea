import type { Kysely } from 'kysely';
import { refreshAllSlaClocks } from '../../pipeline/sla/sla-clock.ts';
import type { Database } from '../../store/schema.ts';
import {
  archiveSlaPolicy,
  createSlaPolicy as insertSlaPolicy,
  listSlaPolicies,
  updateSlaPolicy,
} from '../../store/sla/sla-policies.repository.ts';
import type { SlaPolicyInput } from '../../store/sla/sla-policies.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/** A policy may only name this workspace's teams, for whom it applies and to whom it escalates. */
async function checkTeams(db: Kysely<Database>, workspaceId: string, policy: SlaPolicyInput) {
  for (const teamId of [policy.teamId, policy.escalation.reassign?.teamId ?? null]) {
    if (teamId && !(await findTeam(db, workspaceId, teamId)))
      throw new AppError('team_not_found', 'no such team');
  }
}

async function findLivePolicy(db: Kysely<Database>, workspaceId: string, policyId: string) {
  return (await listSlaPolicies(db, workspaceId)).find((policy) => policy.id === policyId);
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
    await recordChange(tx, context, {
      kind: 'sla_policy.created',
      target: { type: 'sla_policy', id: created.id },
      after: { ...created },
    });
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
    const before = await findLivePolicy(tx, workspaceId, policyId);
    const updated = await updateSlaPolicy(tx, workspaceId, policyId, policy, now);
    if (!updated) throw policyNotFound();
    await refreshAllSlaClocks(tx, workspaceId, now);
    await recordChange(tx, context, {
      kind: 'sla_policy.updated',
      target: { type: 'sla_policy', id: policyId },
      before: before ? { ...before } : null,
      after: { ...updated },
    });
    return updated;
  });
}

/** Archives an SLA policy; the conversations it timed fall to the next policy that fits. */
export async function removeSlaPolicy(context: UseCaseContext, policyId: string): Promise<void> {
  const { workspaceId, now } = context;
  const { db } = context.store;
  await db.transaction().execute(async (tx) => {
    const before = await findLivePolicy(tx, workspaceId, policyId);
    if (!(await archiveSlaPolicy(tx, workspaceId, policyId, now))) throw policyNotFound();
    await refreshAllSlaClocks(tx, workspaceId, now);
    // Archiving twice is no error, and only the first time is a change.
    if (before)
      await recordChange(tx, context, {
        kind: 'sla_policy.removed',
        target: { type: 'sla_policy', id: policyId },
        before: { ...before },
      });
  });
}
