import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { loadAgentLoads, setAgentRouting, setAvailability } from './assignment.repository.ts';
import { getCategoryTeams, replaceCategoryTeams } from './routing-categories.repository.ts';
import {
  createRoutingRule,
  listRoutingRules,
  removeRoutingRule,
  reorderRoutingRules,
  updateRoutingRule,
} from './routing-rules.repository.ts';
import { addTeamMember, createTeam } from '../teams.repository.ts';

let database: TestDatabase;
const now = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const rule = (name: string) => ({
  name,
  enabled: true,
  when: [{ field: 'keywords' as const, any: [name] }],
  then: { tags: [name] },
});

describe('routing rules in the store', () => {
  it('keeps the domain rule as it was written, in order, and removes softly', async () => {
    const db = database.store.db;
    const { workspaceId } = await seedWorkspace(db, 'Rules');
    const a = await createRoutingRule(db, workspaceId, rule('a'), now);
    const b = await createRoutingRule(db, workspaceId, rule('b'), now);
    const c = await createRoutingRule(db, workspaceId, rule('c'), now);
    expect(await listRoutingRules(db, workspaceId)).toMatchObject([
      { id: a.id, position: 1, when: [{ field: 'keywords', any: ['a'] }], then: { tags: ['a'] } },
      { id: b.id, position: 2 },
      { id: c.id, position: 3 },
    ]);
    expect(await reorderRoutingRules(db, workspaceId, [c.id, b.id], now)).toEqual({ ok: true });
    expect((await listRoutingRules(db, workspaceId)).map((r) => r.name)).toEqual(['c', 'b', 'a']);
    expect(await reorderRoutingRules(db, workspaceId, [a.id, a.id], now)).toEqual({
      ok: false,
      repeated: [a.id],
      unknown: [],
    });
    const changed = await updateRoutingRule(db, workspaceId, a.id, { enabled: false }, now);
    expect(changed).toMatchObject({ enabled: false, then: { tags: ['a'] } });
    expect(await removeRoutingRule(db, workspaceId, b.id, now)).toBe('removed');
    expect(await removeRoutingRule(db, workspaceId, b.id, now)).toBe('removed');
    expect((await listRoutingRules(db, workspaceId)).map((r) => r.name)).toEqual(['c', 'a']);
    expect(await updateRoutingRule(db, workspaceId, b.id, { name: 'back' }, now)).toBeUndefined();
    // Another workspace's rule is not found, and cannot be ordered.
    const other = await seedWorkspace(db, 'Other');
    expect(await removeRoutingRule(db, other.workspaceId, a.id, now)).toBe('not_found');
    expect(await reorderRoutingRules(db, other.workspaceId, [a.id], now)).toMatchObject({
      ok: false,
      unknown: [a.id],
    });
  });

  it('replaces the category map whole', async () => {
    const db = database.store.db;
    const { workspaceId } = await seedWorkspace(db, 'Map');
    const team = await createTeam(db, workspaceId, 'Billing');
    await replaceCategoryTeams(db, workspaceId, { REFUND: team.id, PAYMENT: team.id });
    await replaceCategoryTeams(db, workspaceId, { INVOICE: team.id });
    expect(await getCategoryTeams(db, workspaceId)).toEqual({ INVOICE: team.id });
  });

  it("loads the team's agents with their load, leaving out viewers", async () => {
    const db = database.store.db;
    const seeded = await seedWorkspace(db, 'Load');
    const team = await createTeam(db, seeded.workspaceId, 'Care');
    for (const role of ['agent', 'admin', 'viewer'] as const)
      await addTeamMember(db, team.id, seeded.users[role].id);
    await setAvailability(db, seeded.workspaceId, seeded.users.admin.id, false);
    await setAgentRouting(db, seeded.workspaceId, seeded.users.agent.id, {
      maxOpen: 2,
      skills: ['b', 'a', 'a'],
    });
    const loads = await db
      .transaction()
      .execute((tx) => loadAgentLoads(tx, seeded.workspaceId, [team.id]));
    expect(loads.sort((x, y) => x.userId.localeCompare(y.userId))).toEqual(
      [
        {
          userId: seeded.users.agent.id,
          teamIds: [team.id],
          available: true,
          maxOpen: 2,
          openCount: 0,
          skills: ['a', 'b'],
          lastAutoAssignedAt: null,
        },
        {
          userId: seeded.users.admin.id,
          teamIds: [team.id],
          available: false,
          maxOpen: null,
          openCount: 0,
          skills: [],
          lastAutoAssignedAt: null,
        },
      ].sort((x, y) => x.userId.localeCompare(y.userId)),
    );
  });
});
