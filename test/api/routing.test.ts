import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/domain/mention.ts';
import { createTriageAssess } from '../../src/pipeline/intake/assess.ts';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { loadTriageModels } from '../../src/triage/models.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Rule {
  id: string;
  name: string;
  position: number;
}

let api: TestApi;
const assess = createTriageAssess(loadTriageModels());

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.close());

/** A workspace with Billing and Care teams, logged-in callers of each role. */
async function setUp() {
  const seeded = await seedWorkspace(api.db, 'Northwind');
  const as = {
    owner: await api.login(seeded.users.owner),
    admin: await api.login(seeded.users.admin),
    agent: await api.login(seeded.users.agent),
    viewer: await api.login(seeded.users.viewer),
  };
  const ws = `/api/v1/workspaces/${seeded.workspaceId}`;
  const team = async (name: string) => {
    const created = await api.request('POST', `${ws}/teams`, { as: as.admin, body: { name } });
    expect(created.status, created.text).toBe(201);
    return created.json.id as string;
  };
  return { seeded, as, ws, billing: await team('Billing'), care: await team('Care') };
}

async function createRule(ws: string, as: Caller, body: Record<string, unknown>) {
  const created = await api.request('POST', `${ws}/routing/rules`, { as, body });
  expect(created.status, created.text).toBe(201);
  return created.json as unknown as Rule;
}

/** Stores mentions through the real ingest pipeline with the real triage models. */
async function ingest(seeded: SeededWorkspace, mentions: Mention[]) {
  await ingestMentions(
    api.db,
    {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      channelAccountId: seeded.channelAccountId,
      mentions,
    },
    new Date(),
    assess,
  );
  const rows = await api.db
    .selectFrom('mentions')
    .select(['conversation_id'])
    .where(
      'external_id',
      'in',
      mentions.map((m) => m.externalId),
    )
    .execute();
  return rows.map((row) => row.conversation_id);
}

async function conversation(ws: string, as: Caller, id: string) {
  const answer = await api.request('GET', `${ws}/conversations/${id}`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as {
    conversation: { teamId: string | null; assigneeId: string | null; tags: string[] };
    events: Array<{ type: string; data: Record<string, unknown> }>;
  };
}

describe('routing', () => {
  it('lands a refund complaint in Billing on first touch, with the rule, the reason and an event', async () => {
    const { seeded, as, ws, billing, care } = await setUp();
    const rule = await createRule(ws, as.admin, {
      name: 'refunds',
      when: [
        { field: 'keywords', any: ['refund', 'charged twice'] },
        { field: 'complaint', is: true },
      ],
      then: { teamId: billing, tags: ['refund'], priority: 70 },
    });
    const categories = await api.request('PUT', `${ws}/routing/categories`, {
      as: as.admin,
      body: { categoryTeams: { FEEDBACK: care } },
    });
    expect(categories.status, categories.text).toBe(200);
    const [id] = await ingest(seeded, [
      makeMention({ text: 'I was charged twice for my flight and want a refund now. Terrible!' }),
    ]);
    const decision = await api.request('GET', `${ws}/conversations/${id}/routing`, {
      as: as.viewer,
    });
    expect(decision.json).toMatchObject({
      ruleId: rule.id,
      ruleName: 'refunds',
      teamId: billing,
      reason: "routed to Billing by rule 'refunds'",
    });
    const detail = await conversation(ws, as.agent, id!);
    expect(detail.conversation).toMatchObject({ teamId: billing, tags: ['refund'] });
    const routed = detail.events.find((event) => event.type === 'conversation.routed');
    expect(routed?.data).toMatchObject({ ruleId: rule.id, teamId: billing });
    expect(detail.events.map((event) => event.type)).not.toContain('conversation.transferred');
  });

  it('gives agents turns within the team, skipping the away and the full', async () => {
    const { seeded, as, ws, care } = await setUp();
    const { agent, admin, owner } = seeded.users;
    for (const userId of [agent.id, admin.id, owner.id]) {
      const added = await api.request('POST', `${ws}/teams/${care}/members`, {
        as: as.admin,
        body: { userId },
      });
      expect(added.status, added.text).toBe(200);
    }
    const away = await api.request('PUT', `${ws}/members/me/availability`, {
      as: as.agent,
      body: { available: false },
    });
    expect(away.json).toMatchObject({ userId: agent.id, available: false });
    const full = await api.request('PUT', `${ws}/members/${owner.id}/routing`, {
      as: as.admin,
      body: { maxOpen: 1, skills: ['french', 'french'] },
    });
    expect(full.json).toMatchObject({ maxOpen: 1, skills: ['french'] });
    await createRule(ws, as.admin, {
      name: 'all to Care',
      when: [],
      then: { teamId: care },
    });
    const ids = await ingest(
      seeded,
      [0, 1, 2, 3].map((n) =>
        makeMention({
          text: `Where do I find my booking number? (${n})`,
          postedAt: new Date(Date.now() - (10 - n) * 60_000),
        }),
      ),
    );
    const assignees: Array<string | null> = [];
    for (const id of ids)
      assignees.push((await conversation(ws, as.agent, id)).conversation.assigneeId);
    // The owner takes one (capacity 1), the admin the rest; the agent is away.
    expect(assignees.filter((a) => a === owner.id)).toHaveLength(1);
    expect(assignees.filter((a) => a === admin.id)).toHaveLength(3);
    const agents = await api.request('GET', `${ws}/routing/agents`, { as: as.agent });
    const load = agents.json.items as Array<{ userId: string; openCount: number }>;
    expect(load.find((a) => a.userId === admin.id)?.openCount).toBe(3);
    expect(load.find((a) => a.userId === agent.id)?.openCount).toBe(0);
  });

  it('requires the rule’s skills of the agent it assigns', async () => {
    const { seeded, as, ws, care } = await setUp();
    const { agent, admin } = seeded.users;
    for (const userId of [agent.id, admin.id])
      await api.request('POST', `${ws}/teams/${care}/members`, { as: as.admin, body: { userId } });
    await api.request('PUT', `${ws}/members/${agent.id}/routing`, {
      as: as.admin,
      body: { skills: ['norwegian'] },
    });
    await createRule(ws, as.admin, {
      name: 'Norwegian',
      when: [{ field: 'keywords', any: ['hei'] }],
      then: { teamId: care, skills: ['norwegian'] },
    });
    const ids = await ingest(seeded, [
      makeMention({ text: 'hei, where is my bag', postedAt: new Date(Date.now() - 60_000) }),
      makeMention({ text: 'hei, where is my other bag' }),
    ]);
    for (const id of ids)
      expect((await conversation(ws, as.agent, id)).conversation.assigneeId).toBe(agent.id);
  });

  it('evaluates rules in order: reordering changes which rule routes (seen by a dry run)', async () => {
    const { as, ws, billing, care } = await setUp();
    const first = await createRule(ws, as.admin, {
      name: 'flights to Care',
      when: [{ field: 'keywords', any: ['flight'] }],
      then: { teamId: care },
    });
    const second = await createRule(ws, as.admin, {
      name: 'complaints to Billing',
      when: [{ field: 'complaint', is: true }],
      then: { teamId: billing, tags: ['complaint'] },
    });
    const text = 'My flight was cancelled and nobody helped me. Awful service!';
    const dry = () =>
      api.request('POST', `${ws}/routing/dry-run`, { as: as.agent, body: { text } });
    const before = await dry();
    expect(before.status, before.text).toBe(200);
    expect(before.json).toMatchObject({
      labels: { complaint: true, language: 'en', sentiment: 'negative' },
      decision: {
        ruleId: first.id,
        teamName: 'Care',
        reason: "routed to Care by rule 'flights to Care'",
      },
    });
    const reordered = await api.request('PUT', `${ws}/routing/order`, {
      as: as.admin,
      body: { ruleIds: [second.id] },
    });
    expect((reordered.json.items as Rule[]).map((rule) => rule.name)).toEqual([
      'complaints to Billing',
      'flights to Care',
    ]);
    expect((await dry()).json).toMatchObject({
      decision: { ruleId: second.id, teamName: 'Billing', tags: ['complaint'] },
    });
    const disabled = await api.request('PATCH', `${ws}/routing/rules/${second.id}`, {
      as: as.admin,
      body: { enabled: false },
    });
    expect(disabled.status, disabled.text).toBe(200);
    expect((await dry()).json).toMatchObject({ decision: { ruleId: first.id } });
    const removed = await api.request('DELETE', `${ws}/routing/rules/${first.id}`, {
      as: as.admin,
    });
    expect(removed.status).toBe(204);
    const listed = await api.request('GET', `${ws}/routing/rules`, { as: as.agent });
    expect((listed.json.items as Rule[]).map((rule) => rule.id)).toEqual([second.id]);
    expect((await dry()).json).toMatchObject({
      decision: {
        ruleId: null,
        teamId: null,
        reason: 'no rule matched; waiting in the shared inbox',
      },
    });
  });

  it('records a team change after routing as a transfer, and drops the assignee', async () => {
    const { seeded, as, ws, billing, care } = await setUp();
    await api.request('POST', `${ws}/teams/${billing}/members`, {
      as: as.admin,
      body: { userId: seeded.users.agent.id },
    });
    await createRule(ws, as.admin, { name: 'all', when: [], then: { teamId: billing } });
    const [id] = await ingest(seeded, [makeMention({ text: 'my seat was double booked' })]);
    expect((await conversation(ws, as.agent, id!)).conversation.assigneeId).toBe(
      seeded.users.agent.id,
    );
    const moved = await api.request('POST', `${ws}/conversations/${id}/team`, {
      as: as.agent,
      body: { teamId: care },
    });
    expect(moved.status, moved.text).toBe(200);
    const detail = await conversation(ws, as.agent, id!);
    expect(detail.conversation).toMatchObject({ teamId: care, assigneeId: null });
    const transfers = detail.events.filter((event) => event.type === 'conversation.transferred');
    expect(transfers.map((event) => event.data)).toEqual([{ from: billing, to: care }]);
  });

  it("gives a transferred conversation to the new team's next available member", async () => {
    const { seeded, as, ws, billing, care } = await setUp();
    await api.request('POST', `${ws}/teams/${care}/members`, {
      as: as.admin,
      body: { userId: seeded.users.admin.id },
    });
    await createRule(ws, as.admin, { name: 'all', when: [], then: { teamId: billing } });
    const [id] = await ingest(seeded, [makeMention({ text: 'my seat was double booked' })]);
    const moved = await api.request('POST', `${ws}/conversations/${id}/team`, {
      as: as.agent,
      body: { teamId: care },
    });
    expect(moved.json).toMatchObject({ teamId: care, assigneeId: seeded.users.admin.id });
    const detail = await conversation(ws, as.agent, id!);
    const types = detail.events.map((event) => event.type);
    expect(types.slice(-3)).toEqual([
      'conversation.team_changed',
      'conversation.transferred',
      'conversation.assigned',
    ]);
  });

  it('lets agents read the rules but only admins change them', async () => {
    const { as, ws, care } = await setUp();
    const body = { name: 'x', when: [], then: { teamId: care } };
    expect((await api.request('POST', `${ws}/routing/rules`, { as: as.agent, body })).status).toBe(
      403,
    );
    expect((await api.request('GET', `${ws}/routing/rules`, { as: as.viewer })).status).toBe(403);
    expect((await api.request('GET', `${ws}/routing/rules`, { as: as.agent })).status).toBe(200);
    expect(
      (
        await api.request('PUT', `${ws}/members/me/availability`, {
          as: as.viewer,
          body: { available: false },
        })
      ).status,
    ).toBe(403);
  });

  it('answers bad rule bodies with 400 or 422 and a reason, storing nothing', async () => {
    const { as, ws, care } = await setUp();
    const bad: Array<[number, string, unknown]> = [
      [400, 'validation_failed', { name: 'x', when: [], then: { teamId: care }, extra: 1 }],
      [
        400,
        'validation_failed',
        { name: 'x', when: [{ field: 'mood', in: ['sad'] }], then: { teamId: care } },
      ],
      [
        400,
        'validation_failed',
        { name: 'x', when: [{ field: 'keywords', any: [] }], then: { teamId: care } },
      ],
      [
        400,
        'validation_failed',
        { name: 'x', when: [{ field: 'sentiment', in: ['angry'] }], then: { teamId: care } },
      ],
      [400, 'validation_failed', { name: 'x', when: [], then: { teamId: care, priority: 150 } }],
      [400, 'validation_failed', { name: 'x', when: [], then: { teamId: 'billing' } }],
      [400, 'validation_failed', { name: ' ', when: [], then: { teamId: care } }],
      [400, 'validation_failed', { name: 'x', when: {}, then: { teamId: care } }],
      [400, 'validation_failed', { name: 'x', when: [], then: { autoReply: 'y'.repeat(281) } }],
      [422, 'rule_without_action', { name: 'x', when: [], then: { skills: ['french'] } }],
      [404, 'team_not_found', { name: 'x', when: [], then: { teamId: crypto.randomUUID() } }],
    ];
    for (const [status, code, body] of bad) {
      const answer = await api.request('POST', `${ws}/routing/rules`, { as: as.admin, body });
      expect([answer.status, answer.json.error?.code], JSON.stringify(body)).toEqual([
        status,
        code,
      ]);
      expect(answer.json.error?.message).toBeTruthy();
    }
    const malformed = await api.request('POST', `${ws}/routing/rules`, {
      as: as.admin,
      rawBody: '{"name":',
    });
    expect(malformed.status).toBe(400);
    const listed = await api.request('GET', `${ws}/routing/rules`, { as: as.admin });
    expect(listed.json.items).toEqual([]);

    const rule = await createRule(ws, as.admin, { name: 'ok', when: [], then: { teamId: care } });
    const emptied = await api.request('PATCH', `${ws}/routing/rules/${rule.id}`, {
      as: as.admin,
      body: { then: {} },
    });
    expect(emptied.status).toBe(422);
    const twice = await api.request('PUT', `${ws}/routing/order`, {
      as: as.admin,
      body: { ruleIds: [rule.id, rule.id] },
    });
    expect([twice.status, twice.json.error?.code]).toEqual([422, 'invalid_rule_order']);
    const missing = await api.request('PATCH', `${ws}/routing/rules/${crypto.randomUUID()}`, {
      as: as.admin,
      body: { enabled: false },
    });
    expect([missing.status, missing.json.error?.code]).toEqual([404, 'routing_rule_not_found']);
    const badMap = await api.request('PUT', `${ws}/routing/categories`, {
      as: as.admin,
      body: { categoryTeams: { refund: care } },
    });
    expect(badMap.status).toBe(400);
    const badCapacity = await api.request('PUT', `${ws}/members/me/availability`, {
      as: as.agent,
      body: { available: 'yes' },
    });
    expect(badCapacity.status).toBe(400);
  });
});
