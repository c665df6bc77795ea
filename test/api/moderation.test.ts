import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, contactOfMention, makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let agent: Caller;
let viewer: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Moderation');
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
});
afterAll(async () => api?.close());

const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

async function inboxIds(): Promise<string[]> {
  const answer = await api.request('GET', `${ws()}/conversations?limit=200`, { as: viewer });
  expect(answer.status, answer.text).toBe(200);
  return (answer.json.items as Array<{ id: string }>).map((item) => item.id);
}

async function storedMention(id: string) {
  return api.db
    .selectFrom('mentions')
    .select(['id', 'text', 'hidden_at', 'hidden_reason'])
    .where('id', '=', id)
    .executeTakeFirst();
}

async function eventsOf(type: string) {
  return api.db
    .selectFrom('events')
    .select(['actor_type', 'actor_id', 'conversation_id', 'data'])
    .where('workspace_id', '=', acme.workspaceId)
    .where('type', '=', type)
    .orderBy('id')
    .execute();
}

describe('hiding a mention', () => {
  it('hides spam with its reason, keeps the row and its text, and takes the conversation out of the inbox', async () => {
    const { conversationId, mentionId } = await addMention(api.db, acme, {
      text: 'CHEAP FOLLOWERS at spam.example',
    });
    expect(await inboxIds()).toContain(conversationId);
    const hide = await api.request('POST', `${ws()}/mentions/${mentionId}/hide`, {
      as: agent,
      body: { reason: 'spam', note: 'follower-selling link' },
    });
    expect(hide.status, hide.text).toBe(200);
    expect(hide.json).toMatchObject({
      id: mentionId,
      conversationId,
      hidden: { reason: 'spam' },
      onNetwork: 'not_supported',
    });

    const row = await storedMention(mentionId);
    expect(row?.text).toBe('CHEAP FOLLOWERS at spam.example');
    expect(row?.hidden_reason).toBe('spam');
    expect(await inboxIds()).not.toContain(conversationId);
    const thread = await api.request('GET', `${ws()}/conversations/${conversationId}`, {
      as: viewer,
    });
    expect(thread.json.mentions).toEqual([
      expect.objectContaining({
        id: mentionId,
        text: 'CHEAP FOLLOWERS at spam.example',
        hidden: { reason: 'spam', at: expect.any(String) },
      }),
    ]);

    const events = await eventsOf('mention.hidden');
    expect(events.at(-1)).toMatchObject({
      actor_type: 'user',
      actor_id: acme.users.agent.id,
      conversation_id: conversationId,
      data: { mentionId, reason: 'spam', note: 'follower-selling link' },
    });
  });

  it('refuses any reason but spam or abuse: criticism is never hidden', async () => {
    const { mentionId } = await addMention(api.db, acme, { text: 'Your airline is awful' });
    for (const body of [{ reason: 'negative' }, {}, { reason: 'spam', extra: 1 }]) {
      const answer = await api.request('POST', `${ws()}/mentions/${mentionId}/hide`, {
        as: agent,
        body,
      });
      expect(answer.status).toBe(400);
      expect(answer.json.error?.code).toBe('validation_failed');
    }
    expect((await storedMention(mentionId))?.hidden_at).toBeNull();
  });

  it('hiding again records nothing new; showing again needs a reason and brings it back', async () => {
    const { conversationId, mentionId } = await addMention(api.db, acme, { text: 'abuse' });
    const path = `${ws()}/mentions/${mentionId}/hide`;
    await api.request('POST', path, { as: agent, body: { reason: 'abuse' } });
    const before = (await eventsOf('mention.hidden')).length;
    const again = await api.request('POST', path, { as: agent, body: { reason: 'spam' } });
    expect(again.status).toBe(200);
    expect(again.json.hidden).toMatchObject({ reason: 'abuse' });
    expect((await eventsOf('mention.hidden')).length).toBe(before);

    const bare = await api.request('POST', `${ws()}/mentions/${mentionId}/unhide`, {
      as: agent,
      body: {},
    });
    expect(bare.status).toBe(400);
    const unhide = await api.request('POST', `${ws()}/mentions/${mentionId}/unhide`, {
      as: agent,
      body: { note: 'heated, but a real complaint' },
    });
    expect(unhide.status, unhide.text).toBe(200);
    expect(unhide.json.hidden).toBeNull();
    expect(await inboxIds()).toContain(conversationId);
    expect((await eventsOf('mention.unhidden')).at(-1)?.data).toMatchObject({
      mentionId,
      note: 'heated, but a real complaint',
    });
  });

  it('keeps a conversation in the inbox while one of its customer mentions is still shown', async () => {
    const first = await addMention(api.db, acme, { text: 'My bag is lost' });
    const second = await addMention(api.db, acme, {
      text: 'buy crypto now',
      author: first.mention.author,
      parentExternalId: first.mention.externalId,
      rootExternalId: first.mention.externalId,
    });
    expect(second.conversationId).toBe(first.conversationId);
    await api.request('POST', `${ws()}/mentions/${second.mentionId}/hide`, {
      as: agent,
      body: { reason: 'spam' },
    });
    expect(await inboxIds()).toContain(first.conversationId);
  });

  it("answers 404 for another workspace's mention, and no route deletes a mention", async () => {
    const other = await seedWorkspace(api.db, 'Other');
    const { mentionId } = await addMention(api.db, other, { text: 'not yours' });
    const answer = await api.request('POST', `${ws()}/mentions/${mentionId}/hide`, {
      as: agent,
      body: { reason: 'spam' },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('mention_not_found');

    const document = (await api.request('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const deletes = Object.entries(document.paths)
      // Unlinking "same person" removes a link between two contacts; both contacts stay.
      .filter(([path]) => !path.endsWith('/contacts/{contactId}/same-person'))
      .filter(([path, item]) => /mentions|contacts|moderation/.test(path) && 'delete' in item)
      .map(([path]) => path);
    expect(deletes).toEqual([]);
    const del = await api.request('DELETE', `${ws()}/mentions/${mentionId}`, { as: agent });
    expect(del.status).toBe(404);
    expect((await storedMention(mentionId))?.text).toBe('not yours');
  });
});

describe('blocking a contact', () => {
  it('stores their new posts as blocked and out of the inbox, keeps what they said before, and unblocks', async () => {
    const earlier = await addMention(api.db, acme, { text: 'first post, before the block' });
    const contactId = await contactOfMention(api.db, earlier.mentionId);
    const block = await api.request('POST', `${ws()}/contacts/${contactId}/block`, {
      as: agent,
      body: { reason: 'spam', note: 'posts the same link 40 times a day' },
    });
    expect(block.status, block.text).toBe(200);
    expect(block.json.blockedAt).toEqual(expect.any(String));

    const later = makeMention({ text: 'spam again', author: earlier.mention.author });
    const summary = await ingestMentions(
      api.db,
      { workspaceId: acme.workspaceId, brandId: acme.brandId, mentions: [later] },
      new Date(),
    );
    expect(summary).toMatchObject({ stored: 1, blocked: 1 });
    const laterRow = await api.db
      .selectFrom('mentions')
      .select(['text', 'conversation_id'])
      .where('external_id', '=', later.externalId)
      .executeTakeFirstOrThrow();
    expect(laterRow.text).toBe('spam again');
    const inbox = await inboxIds();
    expect(inbox).not.toContain(laterRow.conversation_id);
    expect(inbox).toContain(earlier.conversationId);
    expect((await storedMention(earlier.mentionId))?.text).toBe('first post, before the block');
    expect((await eventsOf('contact.blocked')).at(-1)).toMatchObject({
      actor_id: acme.users.agent.id,
      data: { contactId, reason: 'spam', note: 'posts the same link 40 times a day' },
    });

    const unblock = await api.request('POST', `${ws()}/contacts/${contactId}/unblock`, {
      as: agent,
      body: { note: 'account recovered by its owner' },
    });
    expect(unblock.status).toBe(200);
    expect(unblock.json.blockedAt).toBeNull();
    const after = await addMention(api.db, acme, {
      text: 'a real question now',
      author: earlier.mention.author,
    });
    expect(await inboxIds()).toContain(after.conversationId);
  });
});

describe('the moderation log', () => {
  it('lists every action newest first with actor and reason, page by page', async () => {
    const fresh = await seedWorkspace(api.db, 'Log');
    const owner = await api.login(fresh.users.owner);
    const base = `/api/v1/workspaces/${fresh.workspaceId}`;
    const { mentionId } = await addMention(api.db, fresh, { text: 'spam' });
    await api.request('POST', `${base}/mentions/${mentionId}/hide`, {
      as: owner,
      body: { reason: 'spam' },
    });
    await api.request('POST', `${base}/mentions/${mentionId}/unhide`, {
      as: owner,
      body: { note: 'mistake' },
    });
    await api.request('POST', `${base}/mentions/${mentionId}/hide`, {
      as: owner,
      body: { reason: 'abuse', note: 'slur' },
    });
    const first = await api.request('GET', `${base}/moderation?limit=2`, { as: owner });
    expect(first.status, first.text).toBe(200);
    const items = first.json.items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.action)).toEqual(['hide', 'unhide']);
    expect(items[0]).toMatchObject({
      reason: 'abuse',
      note: 'slur',
      mentionId,
      actor: { id: fresh.users.owner.id, name: 'Log owner' },
    });
    const second = await api.request(
      'GET',
      `${base}/moderation?limit=2&cursor=${first.json.nextCursor as string}`,
      { as: owner },
    );
    expect((second.json.items as Array<{ action: string }>).map((i) => i.action)).toEqual(['hide']);
    expect(second.json.nextCursor).toBeNull();
    const bad = await api.request('GET', `${base}/moderation?cursor=nonsense`, { as: owner });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('invalid_cursor');
  });
});
