import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedSentReply } from '../helpers/quality.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let owner: Caller;
let agent: Caller;
let viewer: Caller;
let otherAdmin: Caller;
// Thursday of the week starting Monday 30 November 2026.
const now = new Date('2026-12-03T12:00:00Z');
const sentAt = (hour: number) => new Date(Date.UTC(2026, 10, 30, hour));

interface Scorecard {
  id: string;
  criteria: Array<{ id: string; name: string; weight: number }>;
}
let scorecard: Scorecard;

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  acme = await seedWorkspace(api.db, 'Quality');
  other = await seedWorkspace(api.db, 'Rival');
  admin = await api.login(acme.users.admin);
  owner = await api.login(acme.users.owner);
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
  otherAdmin = await api.login(other.users.admin);
});
afterAll(async () => api?.close());

const q = (seeded: SeededWorkspace = acme) => `/api/v1/workspaces/${seeded.workspaceId}/quality`;
const scoresOf = (card: Scorecard, values: number[]) =>
  card.criteria.map((c, i) => ({ criterionId: c.id, score: values[i] }));

describe('scorecards and settings', () => {
  it('lets an admin define weighted criteria; others read them', async () => {
    const body = {
      name: 'Care basics',
      criteria: [
        { name: 'Accuracy', weight: 2 },
        { name: 'Empathy', weight: 1 },
        { name: 'Brand voice', weight: 1 },
      ],
    };
    expect((await api.request('POST', `${q()}/scorecards`, { as: agent, body })).status).toBe(403);
    const made = await api.request('POST', `${q()}/scorecards`, { as: admin, body });
    expect(made.status, made.text).toBe(201);
    scorecard = made.json as unknown as Scorecard;
    expect(scorecard.criteria.map((c) => c.name)).toEqual(['Accuracy', 'Empathy', 'Brand voice']);
    const listed = await api.request('GET', `${q()}/scorecards`, { as: viewer });
    expect(listed.json.items).toEqual([expect.objectContaining({ id: scorecard.id })]);
    const bad = await api.request('POST', `${q()}/scorecards`, {
      as: admin,
      body: { name: 'Zero', criteria: [{ name: 'Tone', weight: 0 }] },
    });
    expect(bad.status).toBe(400);
  });

  it('lets an admin set the weekly sample rate, within 0–50', async () => {
    const put = (as: Caller, samplePerAgent: unknown) =>
      api.request('PUT', `${q()}/settings`, { as, body: { samplePerAgent } });
    expect((await put(agent, 2)).status).toBe(403);
    expect((await put(admin, 51)).status).toBe(400);
    expect((await put(admin, 2)).json).toEqual({ samplePerAgent: 2 });
    expect((await api.request('GET', `${q()}/settings`, { as: viewer })).json).toEqual({
      samplePerAgent: 2,
    });
  });
});

describe('the review queue and reviews', () => {
  let hard: { replyId: string; conversationId: string };
  let adminReply: { replyId: string };

  it("shows an admin this week's sample, difficult first, with flags, CSAT and outcome", async () => {
    await seedSentReply(api.db, acme, { authorId: acme.users.agent.id, sentAt: sentAt(9) });
    await seedSentReply(api.db, acme, { authorId: acme.users.agent.id, sentAt: sentAt(10) });
    await seedSentReply(api.db, acme, { authorId: acme.users.agent.id, sentAt: sentAt(11) });
    hard = await seedSentReply(api.db, acme, {
      authorId: acme.users.agent.id,
      sentAt: sentAt(12),
      sentiment: 'negative',
      csatScore: 2,
      customerText: 'Third time my order is late',
      text: 'As we already told you, you should have checked the email.',
    });
    adminReply = await seedSentReply(api.db, acme, {
      authorId: acme.users.admin.id,
      sentAt: sentAt(13),
    });
    await seedSentReply(api.db, other, { authorId: other.users.agent.id, sentAt: sentAt(9) });

    expect((await api.request('GET', `${q()}/queue`, { as: agent })).status).toBe(403);
    expect((await api.request('GET', `${q()}/queue?week=2026-12-01`, { as: admin })).status).toBe(
      400,
    );
    const queue = await api.request('GET', `${q()}/queue`, { as: admin });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.json).toMatchObject({ week: '2026-11-30', samplePerAgent: 2 });
    const items = queue.json.items as Array<Record<string, unknown>>;
    const agentItems = items.filter((i) => (i.agent as { id: string }).id === acme.users.agent.id);
    expect(agentItems).toHaveLength(2);
    expect(agentItems[0]).toMatchObject({
      replyId: hard.replyId,
      conversationId: hard.conversationId,
      reasons: ['low_csat', 'tone_flagged', 'negative'],
      csatScore: 2,
      answered: { text: 'Third time my order is late' },
      outcome: { status: 'new' },
      review: null,
    });
    expect((agentItems[0]!.toneFlags as Array<{ code: string }>).map((f) => f.code)).toContain(
      'blame',
    );
    expect(items.map((i) => i.replyId)).toContain(adminReply.replyId);
    const again = await api.request('GET', `${q()}/queue?week=2026-11-30`, { as: owner });
    expect(again.json.items).toEqual(items);
  });

  it('stores a review with its weighted score; never of one’s own reply, and once', async () => {
    const post = (as: Caller, body: unknown) => api.request('POST', `${q()}/reviews`, { as, body });
    const body = {
      replyId: hard.replyId,
      scorecardId: scorecard.id,
      scores: scoresOf(scorecard, [4, 1, 3]),
      note: '=Blame never helps: apologise first.',
    };
    expect((await post(agent, body)).status).toBe(403);
    expect(
      (await post(admin, { ...body, scores: scoresOf(scorecard, [4]).slice(0, 1) })).status,
    ).toBe(422);
    const made = await post(admin, body);
    expect(made.status, made.text).toBe(201);
    // (75×2 + 0×1 + 50×1) / 4.
    expect(made.json).toMatchObject({ score: 50, agent: { id: acme.users.agent.id } });
    expect((await post(owner, body)).status).toBe(409);
    const own = await post(admin, { ...body, replyId: adminReply.replyId });
    expect(own.status).toBe(403);
    expect(own.json.error?.message).toContain('own reply');
    const byOwner = await post(owner, {
      ...body,
      replyId: adminReply.replyId,
      note: 'Good',
      scores: scoresOf(scorecard, [5, 5, 5]),
    });
    expect(byOwner.status).toBe(201);
    const queue = await api.request('GET', `${q()}/queue?week=2026-11-30`, { as: admin });
    const reviewed = (queue.json.items as Array<{ replyId: string; review: unknown }>).find(
      (i) => i.replyId === hard.replyId,
    );
    expect(reviewed?.review).toMatchObject({ score: 50 });
  });

  it('shows an agent only their own reviews; a manager sees all, and exports CSV', async () => {
    const mine = await api.request('GET', `${q()}/reviews`, { as: agent });
    expect(mine.status).toBe(200);
    expect(mine.json.items).toEqual([
      expect.objectContaining({
        replyId: hard.replyId,
        note: '=Blame never helps: apologise first.',
      }),
    ]);
    const theirs = `${q()}/reviews?agentId=${acme.users.admin.id}`;
    expect((await api.request('GET', theirs, { as: agent })).status).toBe(403);
    expect((await api.request('GET', `${q()}/reviews`, { as: viewer })).status).toBe(403);
    const all = await api.request('GET', `${q()}/reviews`, { as: admin });
    expect((all.json.items as unknown[]).length).toBe(2);
    const csv = await api.request('GET', `${q()}/reviews?format=csv`, { as: admin });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'reviewedAt,sentAt,agent,reviewer,scorecard,score,criteria,note,reply,conversationId',
    );
    expect(lines).toHaveLength(3);
    expect(csv.text).toContain('Accuracy: 4; Empathy: 1; Brand voice: 3');
    // A note a spreadsheet would run as a formula is defused.
    expect(csv.text).toContain("'=Blame never helps");
  });

  it('reports the weekly quality trend; an agent sees their own row, not a colleague’s', async () => {
    const path = `/api/v1/workspaces/${acme.workspaceId}/reports/quality?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z`;
    const managers = await api.request('GET', path, { as: admin });
    expect(managers.status, managers.text).toBe(200);
    const items = managers.json.items as Array<{ scope: string; id: string; averageScore: number }>;
    expect(items.find((i) => i.scope === 'workspace')).toMatchObject({ averageScore: 75 });
    expect(
      items
        .filter((i) => i.scope === 'agent')
        .map((i) => i.id)
        .sort(),
    ).toEqual([acme.users.admin.id, acme.users.agent.id].sort());
    const agents = await api.request('GET', path, { as: agent });
    const agentRows = (agents.json.items as typeof items).filter((i) => i.scope === 'agent');
    expect(agentRows).toEqual([
      expect.objectContaining({ id: acme.users.agent.id, averageScore: 50 }),
    ]);
    const peek = await api.request('GET', `${path}&agentId=${acme.users.admin.id}`, { as: agent });
    expect(peek.status).toBe(403);
  });
});

describe('workspace isolation', () => {
  it("never shows or touches another workspace's queue, reviews or scorecards", async () => {
    for (const path of ['queue', 'reviews', 'scorecards', 'settings'])
      expect((await api.request('GET', `${q()}/${path}`, { as: otherAdmin })).status).toBe(404);
    const queue = await api.request('GET', `${q(other)}/queue?week=2026-11-30`, { as: otherAdmin });
    expect((queue.json.items as Array<{ agent: { id: string } }>).map((i) => i.agent.id)).toEqual([
      other.users.agent.id,
    ]);
    for (const path of ['reviews', 'scorecards'])
      expect(
        (await api.request('GET', `${q(other)}/${path}`, { as: otherAdmin })).json.items,
      ).toEqual([]);
    const own = await api.request('POST', `${q(other)}/scorecards`, {
      as: otherAdmin,
      body: { name: 'Theirs', criteria: [{ name: 'Tone', weight: 1 }] },
    });
    const theirCard = own.json as unknown as Scorecard;
    const acmeReply = await seedSentReply(api.db, acme, {
      authorId: acme.users.agent.id,
      sentAt: sentAt(14),
    });
    const crossReply = await api.request('POST', `${q(other)}/reviews`, {
      as: otherAdmin,
      body: {
        replyId: acmeReply.replyId,
        scorecardId: theirCard.id,
        scores: scoresOf(theirCard, [3]),
      },
    });
    expect(crossReply.status).toBe(404);
    const crossCard = await api.request('POST', `${q()}/reviews`, {
      as: admin,
      body: {
        replyId: acmeReply.replyId,
        scorecardId: theirCard.id,
        scores: scoresOf(theirCard, [3]),
      },
    });
    expect(crossCard.json.error?.code).toBe('scorecard_not_found');
    const archive = await api.request('DELETE', `${q()}/scorecards/${theirCard.id}`, { as: admin });
    expect(archive.status).toBe(404);
    const report = await api.request(
      'GET',
      `/api/v1/workspaces/${other.workspaceId}/reports/quality?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z`,
      { as: otherAdmin },
    );
    expect(report.json.items).toEqual([]);
  });
});
