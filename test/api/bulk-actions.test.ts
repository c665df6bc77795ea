import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../../src/store/teams.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Bulk actions from the inbox's selection: one request, each conversation through the same use
// case as its single action, each reported ok or with why not.

interface Item {
  id: string;
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  spam: boolean;
}
interface BulkAnswer {
  results: Array<{ id: string; ok: boolean; code?: string }>;
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let agent: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Bulk');
  other = await seedWorkspace(api.db, 'Elsewhere');
  agent = await api.login(acme.users.agent);
});
afterAll(async () => api?.close());

const bulkPath = (seeded: SeededWorkspace) =>
  `/api/v1/workspaces/${seeded.workspaceId}/conversations/bulk`;

async function conversationsOf(seeded: SeededWorkspace, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { conversationId } = await addMention(api.db, seeded, {
      text: `@acme my order ${i} never arrived, what now?`,
    });
    ids.push(conversationId);
  }
  return ids;
}

async function item(seeded: SeededWorkspace, id: string, as: Caller): Promise<Item> {
  const answer = await api.request(
    'GET',
    `/api/v1/workspaces/${seeded.workspaceId}/conversations/${id}`,
    { as },
  );
  expect(answer.status, answer.text).toBe(200);
  return (answer.json as { conversation: Item }).conversation;
}

async function bulk(seeded: SeededWorkspace, as: Caller, body: unknown) {
  return api.request('POST', bulkPath(seeded), { as, body });
}

describe('bulk actions on the inbox selection', () => {
  it('assigns, moves, tags and resolves every selected conversation, recording each change', async () => {
    const ids = await conversationsOf(acme, 3);
    const team = await createTeam(api.db, acme.workspaceId, 'Refunds');

    const assigned = await bulk(acme, agent, {
      conversationIds: ids,
      action: { type: 'assign', assigneeId: acme.users.agent.id },
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect((assigned.json as unknown as BulkAnswer).results).toEqual(
      ids.map((id) => ({ id, ok: true })),
    );

    for (const action of [
      { type: 'team', teamId: team.id },
      { type: 'tag', tag: 'refund' },
      { type: 'resolve' },
    ]) {
      const answer = await bulk(acme, agent, { conversationIds: ids, action });
      expect(answer.status, answer.text).toBe(200);
      expect((answer.json as unknown as BulkAnswer).results.every((r) => r.ok)).toBe(true);
    }

    for (const id of ids) {
      const after = await item(acme, id, agent);
      expect(after).toMatchObject({
        status: 'resolved',
        teamId: team.id,
        tags: ['refund'],
      });
    }
    const events = await api.db
      .selectFrom('events')
      .select(['type', 'conversation_id'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', 'in', ['conversation.assigned', 'conversation.tagged'])
      .where('conversation_id', 'in', ids)
      .execute();
    expect(events).toHaveLength(6);
  });

  it('marks the selection as spam: the conversations are spam and the labels are corrections', async () => {
    const ids = await conversationsOf(acme, 2);
    const answer = await bulk(acme, agent, { conversationIds: ids, action: { type: 'spam' } });
    expect(answer.status, answer.text).toBe(200);
    expect((answer.json as unknown as BulkAnswer).results.every((r) => r.ok)).toBe(true);
    for (const id of ids) expect((await item(acme, id, agent)).spam).toBe(true);
    const corrections = await api.db
      .selectFrom('triage_corrections as c')
      .innerJoin('mentions as m', 'm.id', 'c.mention_id')
      .select(['c.field', 'c.corrected_label as label'])
      .where('m.conversation_id', 'in', ids)
      .execute();
    expect(corrections).toEqual([
      { field: 'spam', label: 'yes' },
      { field: 'spam', label: 'yes' },
    ]);
  });

  it("reports another workspace's conversation as not found and changes only this workspace's", async () => {
    const [mine] = await conversationsOf(acme, 1);
    const [theirs] = await conversationsOf(other, 1);
    const answer = await bulk(acme, agent, {
      conversationIds: [mine, theirs],
      action: { type: 'tag', tag: 'checked' },
    });
    expect(answer.status, answer.text).toBe(200);
    expect((answer.json as unknown as BulkAnswer).results).toEqual([
      { id: mine, ok: true },
      expect.objectContaining({ id: theirs, ok: false, code: 'conversation_not_found' }),
    ]);
    const owner = await api.login(other.users.owner);
    expect((await item(other, theirs!, owner)).tags).toEqual([]);
  });

  it("refuses an assignee who is not this workspace's before changing anything", async () => {
    const ids = await conversationsOf(acme, 2);
    const answer = await bulk(acme, agent, {
      conversationIds: ids,
      action: { type: 'assign', assigneeId: other.users.agent.id },
    });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: { code: 'user_not_found' } });
    for (const id of ids) expect((await item(acme, id, agent)).assigneeId).toBeNull();
  });

  it('refuses viewers, empty or oversized selections, and unknown actions', async () => {
    const ids = await conversationsOf(acme, 1);
    const viewer = await api.login(acme.users.viewer);
    const asViewer = await bulk(acme, viewer, {
      conversationIds: ids,
      action: { type: 'resolve' },
    });
    expect(asViewer.status).toBe(403);
    expect((await item(acme, ids[0]!, agent)).status).not.toBe('resolved');

    const tooMany = Array.from({ length: 201 }, () => ids[0]);
    for (const body of [
      { conversationIds: [], action: { type: 'resolve' } },
      { conversationIds: tooMany, action: { type: 'resolve' } },
      { conversationIds: ids, action: { type: 'delete' } },
      { conversationIds: ['not-a-uuid'], action: { type: 'resolve' } },
    ]) {
      const answer = await bulk(acme, agent, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });
});
