import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoutingRule } from '../../src/store/routing/routing-rules.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let admin: Caller;
let agent: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Tags');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
});
afterAll(async () => api?.close());

const base = () => `/api/v1/workspaces/${acme.workspaceId}/tags`;
const conversationPath = (id: string) =>
  `/api/v1/workspaces/${acme.workspaceId}/conversations/${id}`;

type TagList = {
  items: Array<{ id: string; name: string; color: string | null; conversationCount: number }>;
  unlisted: Array<{ name: string; conversationCount: number }>;
};

async function listed(): Promise<TagList> {
  const answer = await api.request('GET', base(), { as: agent });
  expect(answer.status).toBe(200);
  return answer.json as unknown as TagList;
}

async function tagConversation(tag: string): Promise<string> {
  const { conversationId } = await addMention(api.db, acme);
  const answer = await api.request('POST', `${conversationPath(conversationId)}/tags`, {
    as: agent,
    body: { tag },
  });
  expect(answer.status, answer.text).toBe(200);
  return conversationId;
}

async function tagsOf(conversationId: string): Promise<string[]> {
  const row = await api.db
    .selectFrom('conversations')
    .select('tags')
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return row.tags;
}

describe('the managed tag list', () => {
  it('lets an admin add tags that agents read, with how many conversations carry each', async () => {
    await tagConversation('billing');
    await tagConversation('billing');
    await tagConversation('loose end');
    const made = await api.request('POST', base(), {
      as: admin,
      body: { name: 'billing', color: '#d62728', description: 'Money matters' },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({ name: 'billing', color: '#d62728', conversationCount: 2 });

    const list = await listed();
    expect(list.items.find((t) => t.name === 'billing')?.conversationCount).toBe(2);
    expect(list.unlisted).toContainEqual({ name: 'loose end', conversationCount: 1 });
    expect(list.unlisted.map((t) => t.name)).not.toContain('billing');
  });

  it('refuses agents, a name already listed in any case, and a malformed colour', async () => {
    const byAgent = await api.request('POST', base(), { as: agent, body: { name: 'vip' } });
    expect(byAgent.status).toBe(403);
    expect(
      (await api.request('POST', base(), { as: admin, body: { name: 'Urgent' } })).status,
    ).toBe(201);
    const twice = await api.request('POST', base(), { as: admin, body: { name: 'URGENT' } });
    expect(twice.status).toBe(409);
    expect(twice.json.error?.code).toBe('conflict');
    const colour = await api.request('POST', base(), {
      as: admin,
      body: { name: 'red', color: 'red' },
    });
    expect(colour.status).toBe(400);
    expect(colour.json.error?.code).toBe('validation_failed');
    expect((await listed()).items.filter((t) => t.name.toLowerCase() === 'urgent')).toHaveLength(1);
  });

  it('renames a tag on every conversation and routing rule in one change, recorded once', async () => {
    const made = await api.request('POST', base(), { as: admin, body: { name: 'refund' } });
    const tagId = made.json.id as string;
    const first = await tagConversation('refund');
    const second = await tagConversation('refund');
    // This one carries both names already: it keeps one "refunds", not two.
    await api.request('POST', `${conversationPath(second)}/tags`, {
      as: agent,
      body: { tag: 'refunds' },
    });
    const untouched = await tagConversation('shipping');
    const rule = await createRoutingRule(
      api.db,
      acme.workspaceId,
      {
        name: 'Refunds',
        enabled: true,
        when: [{ field: 'keywords', any: ['refund'] }],
        then: { tags: ['refund', 'money'] },
      },
      new Date(),
    );

    const renamed = await api.request('PATCH', `${base()}/${tagId}`, {
      as: admin,
      body: { name: 'refunds' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'refunds', conversationCount: 2 });
    expect(await tagsOf(first)).toEqual(['refunds']);
    expect(await tagsOf(second)).toEqual(['refunds']);
    expect(await tagsOf(untouched)).toEqual(['shipping']);
    const ruleNow = await api.db
      .selectFrom('routing_rules')
      .select('actions')
      .where('id', '=', rule.id)
      .executeTakeFirstOrThrow();
    expect((ruleNow.actions as { tags: string[] }).tags.sort()).toEqual(['money', 'refunds']);

    const events = await api.db
      .selectFrom('events')
      .select(['data', 'actor_id'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'tag.renamed')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: acme.users.admin.id,
      data: { from: 'refund', to: 'refunds', conversations: 2, rules: 1 },
    });
    const inbox = await api.request(
      'GET',
      `/api/v1/workspaces/${acme.workspaceId}/conversations?tag=refunds`,
      { as: agent },
    );
    expect((inbox.json.items as Array<{ id: string }>).map((c) => c.id).sort()).toEqual(
      [first, second].sort(),
    );
  });

  it('refuses a rename onto another listed tag, changing nothing', async () => {
    const one = await api.request('POST', base(), { as: admin, body: { name: 'press' } });
    await api.request('POST', base(), { as: admin, body: { name: 'media' } });
    const conversation = await tagConversation('press');
    const clash = await api.request('PATCH', `${base()}/${one.json.id as string}`, {
      as: admin,
      body: { name: 'Media' },
    });
    expect(clash.status).toBe(409);
    expect(await tagsOf(conversation)).toEqual(['press']);
  });

  it('removes a tag from the list but not from conversations, twice without error', async () => {
    const made = await api.request('POST', base(), {
      as: admin,
      body: { name: 'legacy', color: '#2ca02c' },
    });
    const tagId = made.json.id as string;
    const conversation = await tagConversation('legacy');
    expect((await api.request('DELETE', `${base()}/${tagId}`, { as: admin })).status).toBe(204);
    expect((await api.request('DELETE', `${base()}/${tagId}`, { as: admin })).status).toBe(204);
    const list = await listed();
    expect(list.items.map((t) => t.name)).not.toContain('legacy');
    expect(list.unlisted).toContainEqual({ name: 'legacy', conversationCount: 1 });
    expect(await tagsOf(conversation)).toEqual(['legacy']);
    const gone = await api.request('PATCH', `${base()}/${tagId}`, {
      as: admin,
      body: { color: null },
    });
    expect(gone.status).toBe(404);
    expect(gone.json.error?.code).toBe('tag_not_found');
    // The name is free again.
    expect(
      (await api.request('POST', base(), { as: admin, body: { name: 'legacy' } })).status,
    ).toBe(201);
  });
});
