import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { newId } from '../../src/store/ids.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, contactOfMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Export {
  contactId: string;
  contacts: Array<{
    id: string;
    displayName: string;
    erasedAt: string | null;
    identities: Array<{ network: string; handle: string; externalId: string }>;
  }>;
  conversations: Array<{ id: string; preview: string; tags: string[] }>;
  mentions: Array<{
    id: string;
    text: string;
    network: string;
    url: string | null;
    triage: unknown;
  }>;
  replies: Array<{ text: string; status: string }>;
  notes: Array<{ body: string }>;
  moderation: Array<{ action: string; note: string | null }>;
  csat: Array<{ score: number | null }>;
  tags: string[];
  privacyRequests: Array<{ kind: string; reason: string | null }>;
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let owner: Caller;
let admin: Caller;
let agent: Caller;
let outsider: Caller;
const base = () => `/api/v1/workspaces/${acme.workspaceId}`;
const day = '2026-11-02';
const range = `from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z`;

// Jane writes on Bluesky (a complaint, then a thank-you in another customer's thread) and on
// Mastodon; an agent linked her two contacts as one person.
let jane: { contactId: string; conversationId: string; mentionId: string };
let janeMastodon: { contactId: string; conversationId: string };
let bob: { contactId: string; conversationId: string };

async function post(
  seeded: SeededWorkspace,
  network: 'bluesky' | 'mastodon',
  handle: string,
  text: string,
  at: string,
  thread?: string,
) {
  const stored = await addMention(api.db, seeded, {
    network,
    text,
    postedAt: new Date(`${day}T${at}Z`),
    url: `https://${network}.example/${handle}/${newId()}`,
    author: {
      externalId: `${network}:${handle}`,
      handle,
      displayName: `${handle} Doe`,
      followers: 5,
    },
    ...(thread ? { parentExternalId: thread, rootExternalId: thread } : {}),
  });
  return {
    ...stored,
    contactId: await contactOfMention(api.db, stored.mentionId),
  };
}

const exportOf = async (contactId: string, as: Caller = admin) => {
  const answer = await api.request('GET', `${base()}/contacts/${contactId}/export`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as Export;
};
const erase = (contactId: string, as: Caller = owner, reason = 'Email from the customer, 2 Nov') =>
  api.request('POST', `${base()}/contacts/${contactId}/erase`, { as, body: { reason } });
const search = async (q: string) => {
  const answer = await api.request(
    'GET',
    `${base()}/conversations?view=all&q=${encodeURIComponent(q)}`,
    { as: agent },
  );
  expect(answer.status, answer.text).toBe(200);
  return (answer.json as { items: Array<{ id: string }> }).items.map((item) => item.id);
};
const reports = async () => {
  const out: Record<string, unknown> = {};
  for (const name of ['volume', 'sentiment', 'responses', 'flow', 'csat']) {
    const answer = await api.request('GET', `${base()}/reports/${name}?${range}`, { as: admin });
    expect(answer.status, answer.text).toBe(200);
    out[name] = answer.json;
  }
  return out;
};

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Privacy');
  other = await seedWorkspace(api.db, 'Elsewhere');
  owner = await api.login(acme.users.owner);
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
  outsider = await api.login(other.users.owner);

  const first = await post(acme, 'bluesky', 'jane', 'My parcel 4411 never came, acme!', '09:00:00');
  jane = first;
  // Ingest here runs without the triage models: the labels they would give, by hand.
  await sql`update mentions set triage = '{"sentiment": "negative", "intent": "track_order"}'
    where id = ${first.mentionId}`.execute(api.db);
  const bobPost = await post(acme, 'bluesky', 'bob', 'acme lost my bag too', '09:30:00');
  bob = bobPost;
  // Jane answers in Bob's thread: her words, in his conversation.
  await post(
    acme,
    'bluesky',
    'jane',
    'Same here Bob, zanzibar flight',
    '09:40:00',
    bobPost.mention.externalId,
  );
  const masto = await post(acme, 'mastodon', 'jane', 'acme please call me back', '10:00:00');
  janeMastodon = masto;
  const linked = await api.request('POST', `${base()}/contacts/${jane.contactId}/same-person`, {
    as: agent,
    body: { contactId: masto.contactId },
  });
  expect(linked.status, linked.text).toBe(200);

  const conversation = `${base()}/conversations/${jane.conversationId}`;
  for (const [path, body] of [
    ['replies', { text: 'Sorry Jane, we are looking into parcel 4411', visibility: 'public' }],
    ['notes', { body: 'Jane lives at 1 Main Street' }],
    ['tags', { tag: 'lost-parcel' }],
  ] as const) {
    const answer = await api.request('POST', `${conversation}/${path}`, { as: agent, body });
    expect(answer.status, `${path}: ${answer.text}`).toBeLessThan(300);
  }
  const hidden = await api.request('POST', `${base()}/mentions/${masto.mentionId}/hide`, {
    as: agent,
    body: { reason: 'spam', note: 'posted ten times' },
  });
  expect(hidden.status, hidden.text).toBe(200);
  await api.db
    .insertInto('csat_surveys')
    .values({
      id: newId(),
      workspace_id: acme.workspaceId,
      conversation_id: jane.conversationId,
      resolved_at: new Date(`${day}T11:00:00Z`),
      status: 'awaiting',
      score: null,
      created_at: new Date(`${day}T11:00:00Z`),
    })
    .execute();
  await sql`update csat_surveys set status = 'answered', score = 4 where conversation_id = ${jane.conversationId}`.execute(
    api.db,
  );
});
afterAll(async () => api?.close());

describe('GET contacts/{id}/export', () => {
  it('holds every part: contacts, identities, mentions, conversations, replies, notes, moderation, CSAT, tags', async () => {
    const data = await exportOf(jane.contactId);
    expect(data.contactId).toBe(jane.contactId);
    expect(data.contacts.map((c) => c.id).sort()).toEqual(
      [jane.contactId, janeMastodon.contactId].sort(),
    );
    expect(
      data.contacts.flatMap((c) => c.identities.map((i) => `${i.network}:${i.handle}`)).sort(),
    ).toEqual(['bluesky:jane', 'mastodon:jane']);
    expect(data.mentions.map((m) => m.text)).toEqual([
      'My parcel 4411 never came, acme!',
      'Same here Bob, zanzibar flight',
      'acme please call me back',
    ]);
    expect(data.mentions[0]!.triage).toMatchObject({ sentiment: 'negative' });
    expect(data.mentions[0]!.url).toMatch(/^https:\/\/bluesky\.example\/jane\//);
    // Her own conversations (not Bob's, where she only answered).
    expect(data.conversations.map((c) => c.id).sort()).toEqual(
      [jane.conversationId, janeMastodon.conversationId].sort(),
    );
    expect(data.replies.map((r) => r.text)).toEqual([
      'Sorry Jane, we are looking into parcel 4411',
    ]);
    expect(data.notes.map((n) => n.body)).toEqual(['Jane lives at 1 Main Street']);
    expect(data.moderation).toEqual([
      expect.objectContaining({ action: 'hide', note: 'posted ten times' }),
    ]);
    expect(data.csat.map((s) => s.score)).toEqual([4]);
    expect(data.tags).toEqual(['lost-parcel']);
  });

  it('is for admins, and records each export', async () => {
    expect(
      (await api.request('GET', `${base()}/contacts/${bob.contactId}/export`, { as: agent }))
        .status,
    ).toBe(403);
    await exportOf(bob.contactId);
    const data = await exportOf(bob.contactId);
    expect(data.privacyRequests.map((r) => r.kind)).toContain('export');
  });

  it("answers 404 for another workspace's contact", async () => {
    const answer = await api.request(
      'GET',
      `/api/v1/workspaces/${other.workspaceId}/contacts/${jane.contactId}/export`,
      { as: outsider },
    );
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: { code: 'contact_not_found' } });
  });
});

describe('POST contacts/{id}/erase', () => {
  it('is for owners only, and never for another workspace', async () => {
    for (const caller of [admin, agent]) {
      const answer = await erase(jane.contactId, caller);
      expect(answer.status).toBe(403);
    }
    const elsewhere = await api.request(
      'POST',
      `/api/v1/workspaces/${other.workspaceId}/contacts/${jane.contactId}/erase`,
      { as: outsider, body: { reason: 'asked' } },
    );
    expect(elsewhere.status).toBe(404);
    const noReason = await erase(jane.contactId, owner, '  ');
    expect(noReason.status).toBe(400);
    expect((await exportOf(jane.contactId)).contacts[0]!.erasedAt).toBeNull();
  });

  it('tombstones the person and their texts, keeps the rows and report counts, and search forgets them', async () => {
    expect(await search('zanzibar')).toEqual([bob.conversationId]);
    expect(await search('4411')).toEqual([jane.conversationId]);
    const before = await reports();
    const moderationBefore = await api.db.selectFrom('moderation_actions').selectAll().execute();
    const mentionsBefore = await api.db
      .selectFrom('mentions')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('workspace_id', '=', acme.workspaceId)
      .executeTakeFirstOrThrow();

    const answer = await erase(jane.contactId);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({
      contacts: 2,
      mentions: 3,
      conversations: 2,
      replies: 1,
      notes: 1,
      erasedAt: expect.any(String),
    });

    const tombstone = /^Erased at the customer's request on \d{4}-\d{2}-\d{2}\.$/;
    const data = await exportOf(jane.contactId);
    for (const contact of data.contacts) {
      expect(contact.displayName).toMatch(tombstone);
      expect(contact.erasedAt).not.toBeNull();
      for (const identity of contact.identities) {
        expect(identity.handle).toBe('erased');
        expect(identity.externalId).toMatch(/^erased:/);
      }
    }
    expect(data.mentions).toHaveLength(3);
    for (const mention of data.mentions) {
      expect(mention.text).toMatch(tombstone);
      expect(mention.url).toBeNull();
    }
    // The labels stay: reports count her complaint as they did.
    expect(data.mentions[0]!.triage).toMatchObject({ sentiment: 'negative' });
    for (const conversation of data.conversations) expect(conversation.preview).toMatch(tombstone);
    expect(data.replies.map((r) => r.text)).toEqual([expect.stringMatching(tombstone)]);
    expect(data.notes.map((n) => n.body)).toEqual([expect.stringMatching(tombstone)]);
    expect(data.privacyRequests).toContainEqual(
      expect.objectContaining({ kind: 'erasure', reason: 'Email from the customer, 2 Nov' }),
    );
    // Nothing of hers is left in the raw rows either: payloads and earlier versions too.
    const leftovers = await sql<{ n: number }>`
      select count(*)::int as n from mentions
      where workspace_id = ${acme.workspaceId}
        and (text like '%zanzibar%' or text like '%4411%' or author_handle = 'jane'
          or raw::text like '%jane%' or edits::text like '%4411%')`.execute(api.db);
    expect(leftovers.rows[0]!.n).toBe(0);
    const names = await api.request('GET', `${base()}/contacts?q=jane`, { as: agent });
    expect(names.json).toEqual({ items: [] });

    expect(await search('zanzibar')).toEqual([]);
    expect(await search('4411')).toEqual([]);
    expect(await search('bag')).toEqual([bob.conversationId]);

    expect(await reports()).toEqual(before);
    const mentionsAfter = await api.db
      .selectFrom('mentions')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('workspace_id', '=', acme.workspaceId)
      .executeTakeFirstOrThrow();
    expect(mentionsAfter.n).toBe(mentionsBefore.n);
    // Erasure is not moderation: the moderation log is exactly as it was.
    expect(await api.db.selectFrom('moderation_actions').selectAll().execute()).toEqual(
      moderationBefore,
    );
    // Bob's own post is his, untouched.
    const bobData = await exportOf(bob.contactId);
    expect(bobData.mentions.map((m) => m.text)).toEqual(['acme lost my bag too']);
  });

  it('cannot be done twice: a second erasure answers 409', async () => {
    const again = await erase(jane.contactId);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'contact_already_erased' } });
  });

  it('starts a new contact when the erased person posts again', async () => {
    const fresh = await post(acme, 'bluesky', 'jane', 'acme hello again', '12:00:00');
    expect(fresh.contactId).not.toBe(jane.contactId);
    const data = await exportOf(fresh.contactId);
    expect(data.contacts[0]!.erasedAt).toBeNull();
    expect(data.mentions.map((m) => m.text)).toEqual(['acme hello again']);
  });
});
