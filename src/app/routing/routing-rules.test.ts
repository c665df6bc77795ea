import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { listRoutingRules } from '../../store/routing/routing-rules.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { reorderRoutingRules } from './reorder-routing-rules.ts';
import { createRoutingRule, updateRoutingRule } from './routing-rules.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function workspace(name: string): Promise<UseCaseContext> {
  const seeded = await seedWorkspace(database.store.db, name);
  return useCaseContextOf(database, seeded, 'admin', new Date('2026-03-02T10:00:00Z'));
}

const rule = (name: string) => ({ name, enabled: true, when: [], then: { priority: 2 } });

const names = async (context: UseCaseContext) =>
  (await listRoutingRules(context.store.db, context.workspaceId)).map((r) => r.name);

describe('routing rules', () => {
  it('refuses a rule that does nothing, and stores none', async () => {
    const context = await workspace('Idle');
    const error = await refusal(
      createRoutingRule(context, { ...rule('idle'), then: { tags: [] } }),
    );
    expect(error.code).toBe('rule_without_action');
    expect(await names(context)).toEqual([]);
  });

  it('refuses an order naming a rule twice, or another workspace rule, and keeps the order', async () => {
    const context = await workspace('Ordered');
    const first = await createRoutingRule(context, rule('first'));
    const second = await createRoutingRule(context, rule('second'));
    const foreign = await createRoutingRule(await workspace('Foreign'), rule('foreign'));
    const twice = await refusal(reorderRoutingRules(context, [second.id, second.id]));
    expect(twice.code).toBe('invalid_rule_order');
    const unknown = await refusal(reorderRoutingRules(context, [foreign.id, first.id]));
    expect(unknown.code).toBe('routing_rule_not_found');
    expect(await names(context)).toEqual(['first', 'second']);
    await reorderRoutingRules(context, [second.id]);
    expect(await names(context)).toEqual(['second', 'first']);
  });

  it("answers team_not_found for another workspace's team, without changing the rule", async () => {
    const context = await workspace('Teams');
    const created = await createRoutingRule(context, rule('to a team'));
    const error = await refusal(
      updateRoutingRule(context, created.id, { then: { teamId: crypto.randomUUID() } }),
    );
    expect(error.code).toBe('team_not_found');
    expect((await listRoutingRules(context.store.db, context.workspaceId))[0]?.then).toEqual({
      priority: 2,
    });
  });
});
