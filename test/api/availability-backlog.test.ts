import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let as: Record<'owner' | 'admin' | 'agent', Caller>;
let ws: string;
let billing: string;
let care: string;
let minutes = 0;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Backlog');
  as = {
    owner: await api.login(acme.users.owner),
    admin: await api.login(acme.users.admin),
    agent: await api.login(acme.users.agent),
  };
  ws = `/api/v1/workspaces/${acme.workspaceId}`;
  const team = async (name: string) => {
    const created = await api.request('POST', `${ws}/teams`, { as: as.admin, body: { name } });
    expect(created.status, created.text).toBe(201);
    return created.json.id as string;
  };
  billing = await team('Billing');
  care = await team('Care');
  for (const role of ['agent', 'admin'] as const) {
    const joined = await api.request('POST', `${ws}/teams/${billing}/members`, {
      as: as.admin,
      body: { userId: acme.users[role].id },
    });
    expect(joined.status, joined.text).toBeLessThan(300);
    await setCapacity(role, 2);
    await setAvailable(role, false);
  }
});
afterAll(async () => api?.close());

async function setCapacity(role: 'agent' | 'admin', maxOpen: number) {
  const set = await api.request('PUT', `${ws}/members/${acme.users[role].id}/routing`, {
    as: as.admin,
    body: { maxOpen },
  });
  expect(set.status, set.text).toBe(200);
}

function setAvailable(role: 'agent' | 'admin', available: boolean) {
  return api.request('PUT', `${ws}/members/me/availability`, {
    as: as[role],
    body: { available },
  });
}

/** A conversation waiting unassigned in a team, each one a minute younger than the last. */
async function waiting(teamId: string): Promise<string> {
  const { conversationId } = await addMention(api.db, acme, { text: 'acme where is my refund' });
  minutes += 1;
  await sql`update conversations set team_id = ${teamId}, assignee_id = null, status = 'new',
    created_at = ${new Date(Date.UTC(2026, 10, 1, 8, minutes))} where id = ${conversationId}`.execute(
    api.db,
  );
  return conversationId;
}

async function assigneesOf(ids: string[]): Promise<Array<string | null>> {
  const rows = await api.db
    .selectFrom('conversations')
    .select(['id', 'assignee_id'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row.assignee_id]));
  return ids.map((id) => byId.get(id) ?? null);
}

async function clearBacklog() {
  await api.db
    .updateTable('conversations')
    .set({ status: 'resolved', resolved_at: new Date() })
    .where('workspace_id', '=', acme.workspaceId)
    .where('status', '!=', 'resolved')
    .execute();
}

describe('the backlog', () => {
  it('goes to an agent who becomes available, oldest first, up to their capacity', async () => {
    const [first, second, third] = [
      await waiting(billing),
      await waiting(billing),
      await waiting(billing),
    ];
    const elsewhere = await waiting(care);
    const agentId = acme.users.agent.id;

    const back = await setAvailable('agent', true);
    expect(back.status, back.text).toBe(200);
    expect(back.json).toMatchObject({ available: true, openCount: 2 });
    expect(await assigneesOf([first, second, third, elsewhere])).toEqual([
      agentId,
      agentId,
      null,
      null,
    ]);
    const events = await api.db
      .selectFrom('events')
      .select(['type', 'actor_type', 'data'])
      .where('conversation_id', '=', first)
      .where('type', '=', 'conversation.assigned')
      .execute();
    expect(events).toEqual([
      { type: 'conversation.assigned', actor_type: 'system', data: { from: null, to: agentId } },
    ]);
  });

  it('goes to the agent whose conversation is resolved or reassigned, and never back to them', async () => {
    const agentId = acme.users.agent.id;
    const held = await api.db
      .selectFrom('conversations')
      .select('id')
      .where('assignee_id', '=', agentId)
      .where('status', '!=', 'resolved')
      .orderBy('created_at')
      .execute();
    expect(held).toHaveLength(2);
    const [third] = await api.db
      .selectFrom('conversations')
      .select('id')
      .where('workspace_id', '=', acme.workspaceId)
      .where('team_id', '=', billing)
      .where('assignee_id', 'is', null)
      .where('status', '=', 'new')
      .execute();
    const fourth = await waiting(billing);

    const resolved = await api.request('POST', `${ws}/conversations/${held[0]!.id}/status`, {
      as: as.agent,
      body: { status: 'resolved' },
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect(await assigneesOf([third!.id, fourth])).toEqual([agentId, null]);

    // Put back in the queue by the agent: the slot goes to the next waiting, not to it again.
    const unassigned = await api.request('POST', `${ws}/conversations/${held[1]!.id}/assign`, {
      as: as.agent,
      body: { assigneeId: null },
    });
    expect(unassigned.status, unassigned.text).toBe(200);
    expect(await assigneesOf([held[1]!.id, fourth])).toEqual([null, agentId]);
  });

  it('skips an away agent: their freed slot waits for them', async () => {
    await clearBacklog();
    const agentId = acme.users.agent.id;
    const mine = await waiting(billing);
    await api.request('POST', `${ws}/conversations/${mine}/assign`, {
      as: as.admin,
      body: { assigneeId: agentId },
    });
    const next = await waiting(billing);
    expect((await setAvailable('agent', false)).status).toBe(200);
    const resolved = await api.request('POST', `${ws}/conversations/${mine}/status`, {
      as: as.admin,
      body: { status: 'resolved' },
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect(await assigneesOf([next])).toEqual([null]);
    expect((await setAvailable('agent', true)).status).toBe(200);
    expect(await assigneesOf([next])).toEqual([agentId]);
  });

  it('never gives one conversation to two agents coming back at once', async () => {
    await clearBacklog();
    await setAvailable('agent', false);
    const backlog = [];
    for (let i = 0; i < 5; i += 1) backlog.push(await waiting(billing));
    const answers = await Promise.all([setAvailable('agent', true), setAvailable('admin', true)]);
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);
    const assignees = await assigneesOf(backlog);
    const count = (id: string) => assignees.filter((assignee) => assignee === id).length;
    expect(count(acme.users.agent.id)).toBe(2);
    expect(count(acme.users.admin.id)).toBe(2);
    expect(assignees.slice(4)).toEqual([null]);
    // Oldest first: the youngest is the one left waiting.
    expect(assignees.slice(0, 4)).not.toContain(null);
  });
});
