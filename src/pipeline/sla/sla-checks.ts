import type { Kysely } from 'kysely';
import type { DomainEvent } from '../../domain/events.ts';
import { systemActor } from '../../domain/events.ts';
import { checksDue, escalate } from '../../domain/sla-escalation.ts';
import type { SlaPolicyRule } from '../../domain/sla-escalation.ts';
import { notifyChanges } from '../../store/changes.ts';
import { saveTransition, toConversation } from '../../store/conversations.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import type { Database } from '../../store/schema.ts';
import {
  claimSlaChecks,
  recordEscalation,
  setSlaCheckAt,
} from '../../store/sla/sla-escalations.repository.ts';
import { listSlaPolicies } from '../../store/sla/sla-policies.repository.ts';
import { refreshSlaClocks } from './sla-clock.ts';

/**
 * Warns before and escalates on each breach that has come due, once: conversations are claimed
 * with SKIP LOCKED and each warning or breach is recorded under a unique key before it acts, in
 * the transaction that acts, so several schedulers never double an escalation. Returns how many
 * conversations it looked at.
 */
export async function runSlaChecksOnce(
  db: Kysely<Database>,
  now: Date,
  batchSize = 50,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await claimSlaChecks(tx, now, batchSize);
    const policies = new Map<string, SlaPolicyRule[]>();
    const changed = new Map<string, string[]>();
    for (const row of rows) {
      const workspaceId = row.workspace_id;
      if (!policies.has(workspaceId))
        policies.set(workspaceId, await listSlaPolicies(tx, workspaceId));
      const policy = policies.get(workspaceId)!.find((p) => p.id === row.sla_policy_id);
      if (!policy) {
        await setSlaCheckAt(tx, row.id, null);
        continue;
      }
      const { checks, nextCheckAt } = checksDue(
        {
          firstResponseDueAt: row.first_response_due_at,
          nextResponseDueAt: row.next_response_due_at,
          resolutionDueAt: row.resolution_due_at,
          dueAt: null,
        },
        policy.warnBeforeMinutes,
        now,
      );
      await setSlaCheckAt(tx, row.id, nextCheckAt);
      let conversation = toConversation(row);
      const alerts: DomainEvent[] = [];
      const actions: DomainEvent[] = [];
      for (const check of checks) {
        const scope = { workspaceId, conversationId: row.id, policyId: policy.id };
        if (!(await recordEscalation(tx, { ...check, ...scope }, now))) continue;
        const breach = check.kind === 'breach';
        alerts.push({
          type: breach ? 'sla.breached' : 'sla.warning',
          actor: systemActor,
          conversationId: row.id,
          data: {
            target: check.target,
            dueAt: check.dueAt.toISOString(),
            policyId: policy.id,
            policy: policy.name,
            assigneeId: conversation.assigneeId,
            teamId: conversation.teamId,
            notify: breach ? policy.escalation.notify : true,
          },
          occurredAt: now,
        });
        if (breach) {
          const escalated = escalate(conversation, policy.escalation, systemActor, now);
          conversation = escalated.conversation;
          actions.push(...escalated.events);
        }
      }
      if (alerts.length === 0) continue;
      await appendEvents(tx, workspaceId, alerts);
      await notifyChanges(
        tx,
        alerts
          .filter((alert) => alert.data['notify'])
          .map((alert) => ({ type: alert.type, workspaceId, conversationId: row.id })),
      );
      await saveTransition(tx, { ok: true, conversation, events: actions });
      if (actions.length > 0)
        changed.set(workspaceId, [...(changed.get(workspaceId) ?? []), row.id]);
      else
        await notifyChanges(tx, [
          { type: 'conversation.updated', workspaceId, conversationId: row.id },
        ]);
    }
    // A new team or priority can mean another policy: recompute what the escalation changed.
    for (const [workspaceId, ids] of changed) await refreshSlaClocks(tx, workspaceId, ids, now);
    return rows.length;
  });
}
