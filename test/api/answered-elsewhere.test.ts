import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let agent: Caller;
let viewer: Caller;
// The API's clock: the mark is recorded at this moment.
const markedAt = new Date('2026-03-02T09:20:00Z');
const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

beforeAll(async () => {
  api = await createTestApi({ now: () => markedAt });
  acme = await seedWorkspace(api.db, 'Elsewhere');
  other = await seedWorkspace(api.db, 'Other');
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
});

afterAll(() => api.close());

const imported = (postedAt: string, seeded = acme) =>
  addMention(api.db, seeded, {
    network: 'import',
    postedAt: new Date(postedAt),
    url: 'https://twitter.com/customer/status/1',
  });

describe('marking a conversation answered elsewhere', () => {
  it('stops the wait, records the event, and counts as the first response in the report', async () => {
    const { conversationId } = await imported('2026-03-02T09:00:00Z');
    const path = `${ws()}/conversations/${conversationId}/answered-elsewhere`;
    const marked = await api.request('POST', path, {
      as: agent,
      body: { note: 'Answered on X by our support account' },
    });
    expect(marked.status).toBe(200);
    expect(marked.json).toMatchObject({ id: conversationId, needsReply: false, status: 'open' });

    const thread = await api.request('GET', `${ws()}/conversations/${conversationId}`, {
      as: viewer,
    });
    const events = thread.json.events as Array<{ type: string; data: unknown; actorId: string }>;
    expect(events.find((e) => e.type === 'conversation.answered_elsewhere')).toMatchObject({
      actorId: acme.users.agent.id,
      data: { firstResponse: true, note: 'Answered on X by our support account' },
    });

    const report = await api.request(
      'GET',
      `${ws()}/reports/responses?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z`,
      { as: viewer },
    );
    expect(report.json).toMatchObject({
      firstResponse: { count: 1, medianSeconds: 1200 },
      needingReply: 1,
      answered: 1,
    });

    // Nothing waits any more: a second mark is refused, and changes nothing.
    const again = await api.request('POST', path, { as: agent, body: {} });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('invalid_transition');
  });

  it('keeps the reply posted on the site as the answer, with the moment it was marked', async () => {
    const { conversationId } = await imported('2026-03-02T09:15:00Z');
    const text = 'Thanks for the review, Sam. <b>We</b> have fixed the heating.';
    const marked = await api.request(
      'POST',
      `${ws()}/conversations/${conversationId}/answered-elsewhere`,
      { as: agent, body: { reply: `  ${text}  ` } },
    );
    expect(marked.status).toBe(200);
    const thread = await api.request('GET', `${ws()}/conversations/${conversationId}`, {
      as: viewer,
    });
    const events = thread.json.events as Array<{ type: string; data: unknown; createdAt: string }>;
    expect(events.find((e) => e.type === 'conversation.answered_elsewhere')).toMatchObject({
      data: { firstResponse: true, reply: text },
      createdAt: markedAt.toISOString(),
    });
    const tooLong = await api.request(
      'POST',
      `${ws()}/conversations/${(await imported('2026-03-02T09:16:00Z')).conversationId}/answered-elsewhere`,
      { as: agent, body: { reply: 'x'.repeat(10_001) } },
    );
    expect(tooLong.status).toBe(400);
  });

  it('refuses a reply to an imported conversation, saying to answer on the network', async () => {
    const { conversationId } = await imported('2026-03-02T09:10:00Z');
    const reply = await api.request('POST', `${ws()}/conversations/${conversationId}/replies`, {
      as: agent,
      body: { text: 'Sorry about that!', visibility: 'public' },
    });
    expect(reply.status).toBe(422);
    expect(reply.json.error?.message).toContain('answer on the network');
    const stored = await api.db
      .selectFrom('replies')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .execute();
    expect(stored).toEqual([]);
  });

  it("refuses a viewer, another workspace's conversation, and a note too long", async () => {
    const { conversationId } = await imported('2026-03-02T09:05:00Z');
    const path = `${ws()}/conversations/${conversationId}/answered-elsewhere`;
    expect((await api.request('POST', path, { as: viewer, body: {} })).status).toBe(403);
    const long = await api.request('POST', path, { as: agent, body: { note: 'x'.repeat(501) } });
    expect(long.status).toBe(400);
    const theirs = await imported('2026-03-02T09:05:00Z', other);
    const foreign = await api.request(
      'POST',
      `${ws()}/conversations/${theirs.conversationId}/answered-elsewhere`,
      { as: agent, body: {} },
    );
    expect(foreign.status).toBe(404);
  });
});
