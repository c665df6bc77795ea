import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedUser, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';

interface Idea {
  id: string;
  title: string;
  status: string;
  declinedReason: string | null;
  mergedIntoId: string | null;
  votes: number;
  votedByMe: boolean;
  mentionCount: number;
  mentions?: Array<{ id: string; text: string }>;
}

let api: TestApi;
let acme: SeededWorkspace;
let admin: Caller;
let agent: Caller;
let viewer: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Ideas');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
});
afterAll(async () => api?.close());

const base = () => `/api/v1/workspaces/${acme.workspaceId}/ideas`;

async function promote(title: string, texts: string[]): Promise<Idea> {
  const mentionIds = [];
  for (const text of texts) mentionIds.push((await addMention(api.db, acme, { text })).mentionId);
  const answer = await api.request('POST', base(), {
    as: agent,
    body: { title, description: 'from customers', mentionIds },
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as unknown as Idea;
}

const vote = (id: string, as: Caller) => api.request('POST', `${base()}/${id}/vote`, { as });
const setStatus = (id: string, body: unknown) =>
  api.request('POST', `${base()}/${id}/status`, { as: admin, body });

describe('ideas', () => {
  it('promotes mentions to an idea that links them, and records who did it', async () => {
    const idea = await promote('Seat selection in the app', ['Let me pick seats in the app!']);
    expect(idea).toMatchObject({ status: 'new', votes: 0, mentionCount: 1 });
    expect(idea.mentions?.map((m) => m.text)).toEqual(['Let me pick seats in the app!']);
    const events = await api.db
      .selectFrom('events')
      .select(['actor_id', 'data'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'idea.created')
      .execute();
    expect(events.at(-1)).toMatchObject({
      actor_id: acme.users.agent.id,
      data: { ideaId: idea.id },
    });
  });

  it('gives back the same idea when the same post is promoted again, at once or later', async () => {
    const { mentionId } = await addMention(api.db, acme, { text: 'please add live chat' });
    const body = { title: 'Live chat', description: '', mentionIds: [mentionId] };
    const [first, second] = await Promise.all([
      api.request('POST', base(), { as: agent, body }),
      api.request('POST', base(), { as: agent, body }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.json.id).toBe(second.json.id);
    const later = await api.request('POST', base(), {
      as: admin,
      body: { ...body, title: 'Chat with an agent' },
    });
    expect(later.status).toBe(200);
    expect(later.json).toMatchObject({ id: first.json.id, title: 'Live chat' });
    const created = await api.db
      .selectFrom('events')
      .select('id')
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'idea.created')
      .where(sql<boolean>`data->'mentionIds' ? ${mentionId}`)
      .execute();
    expect(created).toHaveLength(1);

    // With another post beside it, it is a new idea.
    const { mentionId: other } = await addMention(api.db, acme, { text: 'live chat pls' });
    const wider = await api.request('POST', base(), {
      as: agent,
      body: { ...body, mentionIds: [mentionId, other] },
    });
    expect(wider.status).toBe(201);
    expect(wider.json.id).not.toBe(first.json.id);
  });

  it('counts one vote per person, however often they vote', async () => {
    const idea = await promote('Wifi on short flights', ['wifi please']);
    await vote(idea.id, agent);
    const again = await vote(idea.id, agent);
    expect(again.json).toMatchObject({ votes: 1, votedByMe: true });
    const byAdmin = await vote(idea.id, admin);
    expect(byAdmin.json).toMatchObject({ votes: 2 });
    const back = await api.request('DELETE', `${base()}/${idea.id}/vote`, { as: agent });
    expect(back.json).toMatchObject({ votes: 1, votedByMe: false });
    expect((await vote(idea.id, viewer)).status).toBe(403);
  });

  it('moves new → under_review → planned → done, refuses skips, and declines only with a reason', async () => {
    const idea = await promote('Dark mode', ['dark mode when?']);
    expect((await setStatus(idea.id, { status: 'planned' })).status).toBe(409);
    expect((await setStatus(idea.id, { status: 'under_review' })).json.status).toBe('under_review');
    const bare = await setStatus(idea.id, { status: 'declined' });
    expect(bare.status).toBe(422);
    expect(bare.json.error?.code).toBe('reason_required');
    const declined = await setStatus(idea.id, { status: 'declined', reason: 'not this year' });
    expect(declined.json).toMatchObject({ status: 'declined', declinedReason: 'not this year' });
    await setStatus(idea.id, { status: 'under_review' });
    await setStatus(idea.id, { status: 'planned' });
    const done = await setStatus(idea.id, { status: 'done' });
    expect(done.json).toMatchObject({ status: 'done', declinedReason: null });
    expect((await setStatus(idea.id, { status: 'planned' })).status).toBe(409);
    const changes = await api.db
      .selectFrom('events')
      .select('data')
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'idea.status_changed')
      .orderBy('id')
      .execute();
    expect(changes.map((e) => (e.data as { to: string }).to).slice(-5)).toEqual([
      'under_review',
      'declined',
      'under_review',
      'planned',
      'done',
    ]);
  });

  it('merges a duplicate, keeping its votes once per person and its mention links', async () => {
    const keep = await promote('Pet travel', ['can my dog fly with me']);
    const duplicate = await promote('Dogs in cabin', ['dogs in cabin pls', 'cats too']);
    const extra = await seedUser(api.db, 'Third Voter');
    await upsertMembership(api.db, {
      workspaceId: acme.workspaceId,
      userId: extra.id,
      role: 'agent',
    });
    const third = await api.login(extra);
    await vote(keep.id, agent);
    await vote(duplicate.id, agent);
    await vote(duplicate.id, third);

    const merged = await api.request('POST', `${base()}/${duplicate.id}/merge`, {
      as: admin,
      body: { intoIdeaId: keep.id },
    });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.json).toMatchObject({ status: 'merged', mergedIntoId: keep.id });
    const kept = await api.request('GET', `${base()}/${keep.id}`, { as: viewer });
    expect(kept.json).toMatchObject({ votes: 2, mentionCount: 3 });
    expect(
      ((kept.json.mentions ?? []) as Array<{ text: string }>).map((m) => m.text).sort(),
    ).toEqual(['can my dog fly with me', 'cats too', 'dogs in cabin pls']);
    const again = await api.request('POST', `${base()}/${duplicate.id}/merge`, {
      as: admin,
      body: { intoIdeaId: keep.id },
    });
    expect(again.status).toBe(200);
    const self = await api.request('POST', `${base()}/${keep.id}/merge`, {
      as: admin,
      body: { intoIdeaId: keep.id },
    });
    expect(self.status).toBe(409);
    expect((await vote(duplicate.id, admin)).status).toBe(409);
  });

  it('lists ideas most voted first, leaving merged ones out unless asked', async () => {
    const page = await api.request('GET', `${base()}?limit=200`, { as: viewer });
    const items = page.json.items as Idea[];
    expect(items.every((item, i) => i === 0 || items[i - 1]!.votes >= item.votes)).toBe(true);
    expect(items[0]!.votes).toBe(2);
    expect(items.some((item) => item.status === 'merged')).toBe(false);
    const merged = await api.request('GET', `${base()}?status=merged`, { as: viewer });
    expect((merged.json.items as Idea[]).map((i) => i.title)).toEqual(['Dogs in cabin']);
    const bad = await api.request('GET', `${base()}?status=shipped`, { as: viewer });
    expect(bad.status).toBe(400);
  });

  it("refuses another workspace's mentions", async () => {
    const other = await seedWorkspace(api.db, 'Other ideas');
    const { mentionId } = await addMention(api.db, other, { text: 'theirs' });
    const answer = await api.request('POST', base(), {
      as: agent,
      body: { title: 'Stolen', mentionIds: [mentionId] },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('mention_not_found');
  });
});

describe('praise', () => {
  it("stars a positive mention once with a note, and lists the team's praise", async () => {
    const { mentionId, conversationId } = await addMention(api.db, acme, {
      text: 'The crew on NW12 were wonderful <3',
    });
    const team = await api.request('POST', `/api/v1/workspaces/${acme.workspaceId}/teams`, {
      as: admin,
      body: { name: 'Cabin' },
    });
    await api.request(
      'POST',
      `/api/v1/workspaces/${acme.workspaceId}/conversations/${conversationId}/team`,
      { as: agent, body: { teamId: team.json.id } },
    );
    const path = `/api/v1/workspaces/${acme.workspaceId}/praise`;
    const star = await api.request('POST', path, {
      as: agent,
      body: { mentionId, note: 'share at the Monday meeting' },
    });
    expect(star.status, star.text).toBe(201);
    expect(star.json).toMatchObject({
      note: 'share at the Monday meeting',
      starredBy: { id: acme.users.agent.id },
      mention: { id: mentionId, text: 'The crew on NW12 were wonderful <3' },
    });
    const again = await api.request('POST', path, { as: admin, body: { mentionId } });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(star.json.id);

    const forTeam = await api.request('GET', `${path}?teamId=${team.json.id as string}`, {
      as: viewer,
    });
    expect((forTeam.json.items as Array<{ id: string }>).map((p) => p.id)).toEqual([star.json.id]);
    const other = await addMention(api.db, acme, { text: 'Lovely flight' });
    await api.request('POST', path, { as: agent, body: { mentionId: other.mentionId } });
    const all = await api.request('GET', path, { as: viewer });
    expect((all.json.items as unknown[]).length).toBe(2);
    const stillTeam = await api.request('GET', `${path}?teamId=${team.json.id as string}`, {
      as: viewer,
    });
    expect((stillTeam.json.items as unknown[]).length).toBe(1);
  });
});
