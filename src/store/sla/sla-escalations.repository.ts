import type { Kysely } from 'kysely';
import type { SlaCheck } from '../../domain/sla-escalation.ts';
import type { Database } from '../schema.ts';

/**
 * Claims conversations whose SLA check time has come, locked until the transaction ends; rows
 * another scheduler holds are skipped, so processes share the work without doing it twice.
 */
export async function claimSlaChecks(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('sla_check_at', '<=', now)
    .orderBy('sla_check_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function setSlaCheckAt(
  db: Kysely<Database>,
  conversationId: string,
  checkAt: Date | null,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ sla_check_at: checkAt })
    .where('id', '=', conversationId)
    .execute();
}

/** Records a warning or breach; false when it was already recorded (it must not act twice). */
export async function recordEscalation(
  db: Kysely<Database>,
  escalation: SlaCheck & { workspaceId: string; conversationId: string; policyId: string | null },
  now: Date,
): Promise<boolean> {
  const row = await db
    .insertInto('sla_escalations')
    .values({
      workspace_id: escalation.workspaceId,
      conversation_id: escalation.conversationId,
      target: escalation.target,
      kind: escalation.kind,
      due_at: escalation.dueAt,
      policy_id: escalation.policyId,
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('conversation_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listConversationEscalations(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('sla_escalations')
    .select(['target', 'kind', 'due_at', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .execute();
}
