import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { RoutingCondition, RoutingRule } from '../../domain/routing.ts';
import { newId } from '../ids.ts';
import type { Database, RoutingRulesTable } from '../schema.ts';

/** A rule as the API shows it: the domain rule with its place in the order. */
export interface StoredRoutingRule extends RoutingRule {
  position: number;
  createdAt: Date;
  updatedAt: Date;
}

export type RoutingRuleInput = Omit<RoutingRule, 'id'>;

// The JSON columns hold exactly the domain's `when` and `then`, validated by the API's schema
// before they are written: reading them back needs no second check.
function toRule(row: Selectable<RoutingRulesTable>): StoredRoutingRule {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled,
    when: row.conditions as RoutingCondition[],
    then: row.actions as RoutingRule['then'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const active = (db: Kysely<Database>, workspaceId: string) =>
  db
    .selectFrom('routing_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null);

/** The workspace's rules in evaluation order. */
export async function listRoutingRules(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<StoredRoutingRule[]> {
  const rows = await active(db, workspaceId).orderBy('position').orderBy('id').execute();
  return rows.map(toRule);
}

export async function findRoutingRule(db: Kysely<Database>, workspaceId: string, ruleId: string) {
  const row = await active(db, workspaceId).where('id', '=', ruleId).executeTakeFirst();
  return row ? toRule(row) : undefined;
}

/** Adds a rule at the end of the order. */
export async function createRoutingRule(
  db: Kysely<Database>,
  workspaceId: string,
  rule: RoutingRuleInput,
  now: Date,
): Promise<StoredRoutingRule> {
  const last = await db
    .selectFrom('routing_rules')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('position'))
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('routing_rules')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      position: last.position + 1,
      name: rule.name,
      enabled: rule.enabled,
      conditions: JSON.stringify(rule.when),
      actions: JSON.stringify(rule.then),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRule(row);
}

export async function updateRoutingRule(
  db: Kysely<Database>,
  workspaceId: string,
  ruleId: string,
  patch: Partial<RoutingRuleInput>,
  now: Date,
): Promise<StoredRoutingRule | undefined> {
  const row = await db
    .updateTable('routing_rules')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.when !== undefined ? { conditions: JSON.stringify(patch.when) } : {}),
      ...(patch.then !== undefined ? { actions: JSON.stringify(patch.then) } : {}),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ruleId)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ? toRule(row) : undefined;
}

/**
 * Removes a rule from the order; the row stays, so conversations it routed keep naming it.
 * Removing it again is not an error.
 */
export async function removeRoutingRule(
  db: Kysely<Database>,
  workspaceId: string,
  ruleId: string,
  now: Date,
): Promise<'removed' | 'not_found'> {
  const row = await db
    .selectFrom('routing_rules')
    .select(['id', 'deleted_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ruleId)
    .executeTakeFirst();
  if (!row) return 'not_found';
  if (row.deleted_at === null)
    await db
      .updateTable('routing_rules')
      .set({ deleted_at: now, updated_at: now })
      .where('id', '=', ruleId)
      .execute();
  return 'removed';
}

/**
 * Moves the named rules to the front, in the order given; the others keep their order after
 * them ([id] puts one rule first; naming them all sets the whole order). Nothing changes when
 * the list repeats a rule or names one the workspace does not have.
 */
export async function reorderRoutingRules(
  db: Kysely<Database>,
  workspaceId: string,
  ruleIds: readonly string[],
  now: Date,
): Promise<{ ok: true } | { ok: false; repeated: string[]; unknown: string[] }> {
  const current = await db
    .selectFrom('routing_rules')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .forUpdate()
    .execute();
  const known = new Set(current.map((row) => row.id));
  const unknown = ruleIds.filter((id) => !known.has(id));
  const repeated = ruleIds.filter((id, index) => ruleIds.indexOf(id) !== index);
  if (unknown.length > 0 || repeated.length > 0) return { ok: false, repeated, unknown };
  const named = new Set(ruleIds);
  const order = [...ruleIds, ...current.map((row) => row.id).filter((id) => !named.has(id))];
  for (const [index, id] of order.entries()) {
    await db
      .updateTable('routing_rules')
      .set({ position: index + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
  }
  return { ok: true };
}
