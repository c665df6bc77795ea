import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, contactOfMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface History {
  contacts: Array<{ id: string; identities: Array<{ network: string; handle: string }> }>;
  conversations: Array<{ id: string; network: string; status: string; preview: string }>;
}

let api: TestApi;
let acme: SeededWorkspace;
let agent: Caller;
let viewer: Caller;
const base = () => `/api/v1/workspaces/${acme.workspaceId}`;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'History');
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
});
afterAll(async () => api?.close());

async function post(
  network: 'bluesky' | 'mastodon' | 'x',
  handle: string,
  text: string,
  at: string,
) {
  const stored = await addMention(api.db, acme, {
    network,
    text,
    postedAt: new Date(at),
    author: { externalId: `${network}:${handle}`, handle, followers: 5 },
  });
  return {
    conversationId: stored.conversationId,
    contactId: await contactOfMention(api.db, stored.mentionId),
  };
}

async function history(conversationId: string): Promise<History> {
  const answer = await api.request(
    'GET',
    `${base()}/conversations/${conversationId}/customer-history`,
    { as: viewer },
  );
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as History;
}

const link = (contactId: string, sameAs: string) =>
  api.request('POST', `${base()}/contacts/${contactId}/same-person`, {
    as: agent,
    body: { contactId: sameAs },
  });
const unlink = (contactId: string) =>
  api.request('DELETE', `${base()}/contacts/${contactId}/same-person`, { as: agent });

describe("the customer's conversations on every network", () => {
  it('lists the same contact’s other conversations, newest first, without the one open', async () => {
    const first = await post(
      'bluesky',
      'dana.bsky',
      'My bag never arrived',
      '2026-03-01T10:00:00Z',
    );
    const again = await post('bluesky', 'dana.bsky', 'Still no bag. Day 3', '2026-03-03T10:00:00Z');
    expect(again.contactId).toBe(first.contactId);
    const seen = await history(first.conversationId);
    expect(seen.conversations.map((c) => c.id)).toEqual([again.conversationId]);
    expect(seen.contacts[0]!.identities).toEqual([
      expect.objectContaining({ network: 'bluesky', handle: 'dana.bsky' }),
    ]);
  });

  it('finds a conversation on another network once an agent links the two contacts, and forgets it when unlinked', async () => {
    const bluesky = await post('bluesky', 'sam.bsky', 'Refund please', '2026-04-01T10:00:00Z');
    const mastodon = await post(
      'mastodon',
      'sam@mastodon.social',
      'Hello?',
      '2026-04-02T09:00:00Z',
    );
    const x = await post('x', 'sam_x', 'Still waiting for my refund', '2026-04-05T09:00:00Z');
    expect((await history(bluesky.conversationId)).conversations).toEqual([]);

    const found = await api.request(
      'GET',
      `${base()}/contacts?q=${encodeURIComponent('@sam@mast')}`,
      {
        as: viewer,
      },
    );
    expect(found.status, found.text).toBe(200);
    expect((found.json.items as Array<{ id: string }>).map((c) => c.id)).toEqual([
      mastodon.contactId,
    ]);

    expect((await link(mastodon.contactId, bluesky.contactId)).status).toBe(200);
    const linked = await link(x.contactId, mastodon.contactId);
    expect(linked.status, linked.text).toBe(200);
    expect((linked.json.contacts as unknown[]).length).toBe(3);

    const all = await history(bluesky.conversationId);
    expect(all.conversations.map((c) => [c.network, c.preview])).toEqual([
      ['x', 'Still waiting for my refund'],
      ['mastodon', 'Hello?'],
    ]);
    expect(all.contacts.flatMap((c) => c.identities.map((i) => i.network)).sort()).toEqual([
      'bluesky',
      'mastodon',
      'x',
    ]);

    // The first contact's id was the person's key: the other two must stay one person.
    expect((await unlink(bluesky.contactId)).status).toBe(200);
    expect((await history(bluesky.conversationId)).conversations).toEqual([]);
    expect((await history(x.conversationId)).conversations.map((c) => c.id)).toEqual([
      mastodon.conversationId,
    ]);

    const events = await api.db
      .selectFrom('events')
      .select(['type', 'actor_id', 'data'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', 'in', ['contact.linked', 'contact.unlinked'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'contact.linked',
      'contact.linked',
      'contact.unlinked',
    ]);
    expect(events[0]!.actor_id).toBe(acme.users.agent.id);
    expect(events[0]!.data).toEqual({
      contactId: mastodon.contactId,
      sameAsContactId: bluesky.contactId,
    });
  });

  it('links again or unlinks a lone contact without recording anything new', async () => {
    const one = await post('bluesky', 'lee.bsky', 'hi', '2026-05-01T10:00:00Z');
    const before = await api.db.selectFrom('events').select('id').execute();
    expect((await link(one.contactId, one.contactId)).status).toBe(200);
    expect((await unlink(one.contactId)).status).toBe(200);
    expect(await api.db.selectFrom('events').select('id').execute()).toHaveLength(before.length);
  });

  it('never links to, lists or finds a contact of another workspace', async () => {
    const other = await seedWorkspace(api.db, 'Elsewhere');
    const theirs = await addMention(api.db, other, {
      text: 'secret complaint',
      author: { externalId: 'bluesky:kim', handle: 'kim.elsewhere', followers: 1 },
    });
    const theirContact = await contactOfMention(api.db, theirs.mentionId);
    const mine = await post('bluesky', 'kim.acme', 'hello', '2026-06-01T10:00:00Z');
    const refused = await link(mine.contactId, theirContact);
    expect(refused.status).toBe(404);
    expect(refused.json.error?.code).toBe('contact_not_found');
    const search = await api.request('GET', `${base()}/contacts?q=elsewhere`, { as: viewer });
    expect(search.json.items).toEqual([]);
    expect((await history(mine.conversationId)).conversations).toEqual([]);
  });

  it('answers a clear 400 for an empty search, lists the newest contacts without one, and 403 when a viewer links', async () => {
    const empty = await api.request('GET', `${base()}/contacts?q=`, { as: viewer });
    expect(empty.status).toBe(400);
    expect(empty.json.error?.code).toBe('validation_failed');
    const one = await post('bluesky', 'ray.bsky', 'hi', '2026-07-01T10:00:00Z');
    const newest = await api.request('GET', `${base()}/contacts`, { as: viewer });
    expect(newest.status).toBe(200);
    expect((newest.json.items as Array<{ id: string }>)[0]!.id).toBe(one.contactId);
    const byViewer = await api.request('POST', `${base()}/contacts/${one.contactId}/same-person`, {
      as: viewer,
      body: { contactId: one.contactId },
    });
    expect(byViewer.status).toBe(403);
  });
});
