import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { noDueAt } from '../conversations.repository.ts';
import type { Database } from '../schema.ts';

/** What the SLA clock of a conversation is computed from. */
export interface ClockRow {
  id: string;
  status: string;
  priority: number;
  teamId: string | null;
  createdAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  pausedMinutes: number;
  pausedSince: Date | null;
  /** When the customer last wrote (received), and when we last answered. */
  lastCustomerMessageAt: Date;
  lastReplyAt: Date | null;
}

/** Loads the clock facts of some conversations in one query. */
export async function loadClockRows(
  db: Kysely<Database>,
  workspaceId: string,
  conversationIds: readonly string[],
): Promise<ClockRow[]> {
  if (conversationIds.length === 0) return [];
  const rows = await db
    .selectFrom('conversations as c')
    // A competitor's conversation is heard for share of voice, never ours to answer: no clock.
    .innerJoin('brands as cb', (join) =>
      join.onRef('cb.id', '=', 'c.brand_id').on('cb.is_competitor', '=', false),
    )
    .select((eb) => [
      'c.id',
      'c.status',
      'c.priority',
      'c.team_id',
      'c.created_at',
      'c.first_responded_at',
      'c.resolved_at',
      'c.sla_paused_minutes',
      'c.sla_paused_since',
      eb
        .selectFrom('mentions as m')
        .select((m) => m.fn.max('m.received_at').as('at'))
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.from_brand', '=', false)
        .as('last_customer_at'),
      eb
        .selectFrom('replies as r')
        .select((r) => r.fn.max('r.sent_at').as('at'))
        .whereRef('r.conversation_id', '=', 'c.id')
        .where('r.status', '=', 'sent')
        // An out-of-hours acknowledgement is not an answer.
        .where('r.idempotency_key', 'not like', 'sla-ack:%')
        .as('last_reply_at'),
      eb
        .selectFrom('mentions as b')
        .select((b) => b.fn.max('b.received_at').as('at'))
        .whereRef('b.conversation_id', '=', 'c.id')
        .where('b.from_brand', '=', true)
        .as('last_brand_post_at'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', 'in', [...conversationIds])
    .execute();
  const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    priority: row.priority,
    teamId: row.team_id,
    createdAt: row.created_at,
    firstRespondedAt: row.first_responded_at,
    resolvedAt: row.resolved_at,
    pausedMinutes: row.sla_paused_minutes,
    pausedSince: row.sla_paused_since,
    lastCustomerMessageAt: toDate(row.last_customer_at) ?? row.created_at,
    lastReplyAt: later(toDate(row.last_reply_at), toDate(row.last_brand_post_at)),
  }));
}

// max() over a subquery comes back untyped by the driver on one store and typed on the other.
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/** A conversation's recomputed clock. */
export interface ClockUpdate {
  id: string;
  policyId: string | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  dueAt: Date | null;
  checkAt: Date | null;
  pausedMinutes: number;
  pausedSince: Date | null;
}

/** Writes recomputed clocks in one statement, however many. */
export async function saveClocks(
  db: Kysely<Database>,
  workspaceId: string,
  updates: readonly ClockUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  const column = <T>(pick: (u: ClockUpdate) => T) => updates.map(pick);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await sql`update conversations c set
      sla_policy_id = v.policy_id,
      first_response_due_at = v.first_due,
      first_response_target_at = coalesce(v.first_due, c.first_response_target_at),
      next_response_due_at = v.next_due,
      resolution_due_at = v.resolution_due,
      due_at = coalesce(v.due, ${noDueAt.toISOString()}::timestamptz),
      sla_check_at = v.check_at,
      sla_paused_minutes = v.paused_minutes,
      sla_paused_since = v.paused_since
    from unnest(
      ${column((u) => u.id)}::uuid[],
      ${column((u) => u.policyId)}::uuid[],
      ${column((u) => iso(u.firstResponseDueAt))}::timestamptz[],
      ${column((u) => iso(u.nextResponseDueAt))}::timestamptz[],
      ${column((u) => iso(u.resolutionDueAt))}::timestamptz[],
      ${column((u) => iso(u.dueAt))}::timestamptz[],
      ${column((u) => iso(u.checkAt))}::timestamptz[],
      ${column((u) => u.pausedMinutes)}::float8[],
      ${column((u) => iso(u.pausedSince))}::timestamptz[]
    ) as v(id, policy_id, first_due, next_due, resolution_due, due, check_at, paused_minutes, paused_since)
    where c.id = v.id and c.workspace_id = ${workspaceId}`.execute(db);
}

/** Stops the clocks of conversations no policy covers any more (those that never had one stay as they are). */
export async function clearClocks(
  db: Kysely<Database>,
  workspaceId: string,
  conversationIds: readonly string[],
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({
      sla_policy_id: null,
      first_response_due_at: null,
      next_response_due_at: null,
      resolution_due_at: null,
      due_at: noDueAt,
      sla_check_at: null,
      sla_paused_since: null,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...conversationIds])
    .where('sla_policy_id', 'is not', null)
    .execute();
}

/**
 * New conversations that may need an out-of-hours acknowledgement: in a team, waiting for an
 * answer, and not spam, hidden or from a blocked contact (those are never answered by a robot).
 */
export async function findConversationsForAcknowledgement(
  db: Kysely<Database>,
  workspaceId: string,
  conversationIds: readonly string[],
) {
  if (conversationIds.length === 0) return [];
  return db
    .selectFrom('conversations')
    .select(['id', 'team_id', 'network', 'is_private'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...conversationIds])
    .where('team_id', 'is not', null)
    .where('status', '!=', 'resolved')
    .where('needs_reply', '=', true)
    .where('is_spam', '=', false)
    .where('hidden_at', 'is', null)
    .execute();
}

/** Ids of a workspace's unresolved conversations (of one team, if named): whose clocks a policy or hours change moves. */
export async function listRunningClockIds(
  db: Kysely<Database>,
  workspaceId: string,
  teamId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('conversations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', '!=', 'resolved');
  if (teamId) query = query.where('team_id', '=', teamId);
  return (await query.execute()).map((row) => row.id);
}

/** A conversation's SLA clock as stored, for the API. */
export async function findSlaClock(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('conversations')
    .select([
      'id',
      'sla_policy_id',
      'first_response_due_at',
      'next_response_due_at',
      'resolution_due_at',
      'sla_paused_minutes',
      'sla_paused_since',
      'follow_up_at',
      'follow_up_user_id',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', conversationId)
    .executeTakeFirst();
}
