import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { listRoutingRules } from '../../store/routing/routing-rules.repository.ts';
import type { WorkspaceAction } from '../workspace-action.ts';
import { reorderRoutingRules } from './reorder-routing-rules.ts';
import { createRoutingRule, updateRoutingRule } from './routing-rules.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function workspace(name: string): Promise<WorkspaceAction> {
  const seeded = await seedWorkspace(database.store.db, name);
  return {
    db: database.store.db,
    workspaceId: seeded.workspaceId,
    actorId: seeded.users.admin.id,
    now: new Date('2026-03-02T10:00:00Z'),
  };
}

const rule = (name: string) => ({ name, enabled: true, when: [], then: { priority: 2 } });

const names = async (action: WorkspaceAction) =>
  (await listRoutingRules(action.db, action.workspaceId)).map((r) => r.name);

describe('routing rules', () => {
  it('refuses a rule that does nothing, and stores none', async () => {
    const action = await workspace('Idle');
    const error = await refusal(createRoutingRule(action, { ...rule('idle'), then: { tags: [] } }));
    expect(error.code).toBe('rule_without_action');
    expect(await names(action)).toEqual([]);
  });

  it('refuses an order naming a rule twice, or another workspace rule, and keeps the order', async () => {
    const action = await workspace('Ordered');
    const first = await createRoutingRule(action, rule('first'));
    const second = await createRoutingRule(action, rule('second'));
    const foreign = await createRoutingRule(await workspace('Foreign'), rule('foreign'));
    const twice = await refusal(reorderRoutingRules(action, [second.id, second.id]));
    expect(twice.code).toBe('invalid_rule_order');
    const unknown = await refusal(reorderRoutingRules(action, [foreign.id, first.id]));
    expect(unknown.code).toBe('routing_rule_not_found');
    expect(await names(action)).toEqual(['first', 'second']);
    await reorderRoutingRules(action, [second.id]);
    expect(await names(action)).toEqual(['second', 'first']);
  });

  it("answers team_not_found for another workspace's team, without changing the rule", async () => {
    const action = await workspace('Teams');
    const created = await createRoutingRule(action, rule('to a team'));
    const error = await refusal(
      updateRoutingRule(action, created.id, { then: { teamId: crypto.randomUUID() } }),
    );
    expect(error.code).toBe('team_not_found');
    expect((await listRoutingRules(action.db, action.workspaceId))[0]?.then).toEqual({
      priority: 2,
    });
  });
});
