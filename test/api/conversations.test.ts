import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { createTeam } from '../../src/store/teams.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Item {
  id: string;
  status: string;
  priority: number;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  needsReply: boolean;
  dueAt: string | null;
  brand: { id: string };
}
interface Detail {
  conversation: Item;
  mentions: Array<{ id: string; text: string; postedAt: string }>;
  replies: Array<{ id: string; status: string; text: string }>;
  notes: Array<{ id: string; body: string; authorId: string }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.close());

const base = (seeded: SeededWorkspace) => `/api/v1/workspaces/${seeded.workspaceId}/conversations`;

async function list(seeded: SeededWorkspace, as: Caller, query = '') {
  const answer = await api.request('GET', `${base(seeded)}${query ? `?${query}` : ''}`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as { items: Item[]; nextCursor: string | null };
}
const idsOf = (page: { items: Item[] }) => page.items.map((item) => item.id).sort();

async function detail(seeded: SeededWorkspace, as: Caller, id: string): Promise<Detail> {
  const answer = await api.request('GET', `${base(seeded)}/${id}`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as Detail;
}

async function act(seeded: SeededWorkspace, as: Caller, id: string, action: string, body: unknown) {
  return api.request('POST', `${base(seeded)}/${id}/${action}`, { as, body });
}

/** True when the items are most urgent first: priority down, then due time up, then id. */
function isInboxOrder(items: Item[]): boolean {
  const due = (item: Item) => (item.dueAt ? Date.parse(item.dueAt) : Number.POSITIVE_INFINITY);
  return items.every((item, i) => {
    const prev = items[i - 1];
    if (!prev) return true;
    if (prev.priority !== item.priority) return prev.priority > item.priority;
    if (due(prev) !== due(item)) return due(prev) < due(item);
    return prev.id < item.id;
  });
}

describe('the inbox', () => {
  let acme: SeededWorkspace;
  let agent: Caller;
  let viewer: Caller;
  let mine: string;
  let answered: string;
  let searchable: string;
  let otherBrand: string;
  let resolved: string;

  beforeAll(async () => {
    acme = await seedWorkspace(api.db, 'Inbox');
    agent = await api.login(acme.users.agent);
    viewer = await api.login(acme.users.viewer);
    mine = (await addMention(api.db, acme, { text: 'my order never arrived' })).conversationId;
    const first = await addMention(api.db, acme, { text: 'is the shop open on Sunday?' });
    answered = first.conversationId;
    // The brand's own reply seen on the network answers the customer.
    await addMention(api.db, acme, {
      text: 'Yes, from ten to four!',
      parentExternalId: first.mention.externalId,
      fromBrand: true,
      author: { externalId: 'did:plc:acme', handle: 'acme.test' },
    });
    searchable = (await addMention(api.db, acme, { text: 'the xylophone arrived broken' }))
      .conversationId;
    resolved = (await addMention(api.db, acme, { text: 'thanks, all sorted' })).conversationId;
    const owner = await api.login(acme.users.owner);
    const brand = await api.request('POST', `/api/v1/workspaces/${acme.workspaceId}/brands`, {
      as: owner,
      body: { name: 'Acme Outlet' },
    });
    otherBrand = (
      await addMention(api.db, { ...acme, brandId: brand.json.id as string }, { text: 'outlet' })
    ).conversationId;
    expect(
      (await act(acme, agent, mine, 'assign', { assigneeId: acme.users.agent.id })).status,
    ).toBe(200);
    expect((await act(acme, agent, mine, 'tags', { tag: 'refund' })).status).toBe(200);
    expect((await act(acme, agent, resolved, 'status', { status: 'resolved' })).status).toBe(200);
  });

  it('lists every open conversation in the "all" view, and resolved ones only when asked', async () => {
    // Assigning opened "mine"; the brand's answer opened "answered".
    expect(idsOf(await list(acme, viewer))).toEqual(
      [mine, answered, searchable, otherBrand].sort(),
    );
    expect(idsOf(await list(acme, viewer, 'status=resolved'))).toEqual([resolved]);
    expect(idsOf(await list(acme, viewer, 'status=open,resolved'))).toEqual(
      [mine, answered, resolved].sort(),
    );
  });

  it('shows "mine" to the assignee only, and "unassigned" without it', async () => {
    expect(idsOf(await list(acme, agent, 'view=mine'))).toEqual([mine]);
    expect(idsOf(await list(acme, viewer, 'view=mine'))).toEqual([]);
    expect(idsOf(await list(acme, viewer, 'view=unassigned'))).toEqual(
      [answered, searchable, otherBrand].sort(),
    );
  });

  it('leaves answered conversations out of "needs_reply"', async () => {
    expect(idsOf(await list(acme, viewer, 'view=needs_reply'))).toEqual(
      [mine, searchable, otherBrand].sort(),
    );
  });

  it('filters by brand and by tag', async () => {
    const other = await list(
      acme,
      viewer,
      `brandId=${(await detail(acme, viewer, otherBrand)).conversation.brand.id}`,
    );
    expect(idsOf(other)).toEqual([otherBrand]);
    expect(idsOf(await list(acme, viewer, 'tag=refund'))).toEqual([mine]);
    expect(idsOf(await list(acme, viewer, 'tag=nothing-tagged-so'))).toEqual([]);
  });

  it("finds a word that only one mention's text holds", async () => {
    expect(idsOf(await list(acme, viewer, 'q=xylophone'))).toEqual([searchable]);
    expect(idsOf(await list(acme, viewer, 'q=XYLOPHONE'))).toEqual([searchable]);
    expect(idsOf(await list(acme, viewer, 'q=saxophone'))).toEqual([]);
  });

  it('refuses unknown views and statuses', async () => {
    for (const query of ['view=everything', 'status=open,lost', 'limit=0', 'limit=201']) {
      const answer = await api.request('GET', `${base(acme)}?${query}`, { as: viewer });
      expect(answer.status, query).toBe(400);
      expect(answer.json.error?.code).toBe('validation_failed');
    }
  });

  it('sorts by priority, highest first, then by the nearest due time', async () => {
    await act(acme, agent, searchable, 'priority', { priority: 90 });
    await act(acme, agent, mine, 'priority', { priority: 30 });
    await act(acme, agent, answered, 'priority', { priority: 30 });
    await act(acme, agent, otherBrand, 'priority', { priority: 5 });
    // Equal priorities: the one due first comes first.
    await api.db
      .updateTable('conversations')
      .set({ due_at: new Date('2030-01-01T10:00:00Z') })
      .where('id', '=', answered)
      .execute();
    await api.db
      .updateTable('conversations')
      .set({ due_at: new Date('2030-01-01T12:00:00Z') })
      .where('id', '=', mine)
      .execute();
    const page = await list(acme, viewer);
    expect(page.items.map((item) => item.id)).toEqual([searchable, answered, mine, otherBrand]);
    expect(isInboxOrder(page.items)).toBe(true);
  });
});

describe('keyset pagination', () => {
  let many: SeededWorkspace;
  let viewer: Caller;
  let all: string[];

  beforeAll(async () => {
    many = await seedWorkspace(api.db, 'Busy');
    viewer = await api.login(many.users.viewer);
    const mentions = Array.from({ length: 120 }, (_, i) =>
      makeMention({ text: `mention ${i}`, postedAt: new Date(Date.UTC(2026, 10, 1, 0, i)) }),
    );
    await ingestMentions(
      api.db,
      {
        workspaceId: many.workspaceId,
        brandId: many.brandId,
        channelAccountId: many.channelAccountId,
        mentions,
      },
      new Date(),
    );
    // Three priorities and four due times: many ties, so the id must break them.
    await sql`update conversations
      set priority = (('x' || substr(md5(id::text), 1, 4))::bit(16)::int % 3) * 10,
          due_at = timestamptz '2030-01-01T00:00:00Z' + (('x' || substr(md5(id::text), 5, 4))::bit(16)::int % 4) * interval '1 hour'
      where workspace_id = ${many.workspaceId}`.execute(api.db);
    all = (
      await api.db
        .selectFrom('conversations')
        .select('id')
        .where('workspace_id', '=', many.workspaceId)
        .execute()
    ).map((row) => row.id);
    expect(all).toHaveLength(120);
  });

  it('walks 120 conversations 50 at a time, each exactly once, in inbox order', async () => {
    const seen: Item[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(many, viewer, `limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen.map((item) => item.id).sort()).toEqual([...all].sort());
    expect(new Set(seen.map((item) => item.id)).size).toBe(120);
    expect(isInboxOrder(seen)).toBe(true);
    expect(new Set(seen.map((item) => item.priority))).toEqual(new Set([0, 10, 20]));
  });

  it('refuses a cursor it did not make', async () => {
    const forged = Buffer.from(JSON.stringify({ priority: 1 })).toString('base64url');
    for (const cursor of ['garbage', forged, Buffer.from('[1,"x","y"]').toString('base64url')]) {
      const answer = await api.request('GET', `${base(many)}?cursor=${cursor}`, { as: viewer });
      expect(answer.status).toBe(400);
      expect(answer.json.error?.code).toBe('invalid_cursor');
    }
  });
});

describe('one conversation', () => {
  let acme: SeededWorkspace;
  let agent: Caller;
  let admin: Caller;

  beforeAll(async () => {
    acme = await seedWorkspace(api.db, 'Desk');
    agent = await api.login(acme.users.agent);
    admin = await api.login(acme.users.admin);
  });

  const fresh = async (text = 'where is my parcel?') =>
    addMention(api.db, acme, { text, postedAt: new Date(Date.now() - 60 * 60_000) });

  it('shows the whole thread in order, with its history', async () => {
    const root = await fresh('my card was charged twice');
    const reply = await addMention(api.db, acme, {
      text: 'still waiting for the refund',
      parentExternalId: root.mention.externalId,
      author: root.mention.author,
      postedAt: new Date(Date.now() - 30 * 60_000),
    });
    expect(reply.conversationId).toBe(root.conversationId);
    const thread = await detail(acme, agent, root.conversationId);
    expect(thread.mentions.map((m) => m.text)).toEqual([
      'my card was charged twice',
      'still waiting for the refund',
    ]);
    expect(thread.conversation).toMatchObject({ id: root.conversationId, status: 'new' });
    expect(thread.events.map((e) => e.type)).toEqual(['conversation.created', 'mention.received']);
  });

  it('resolves, reopens, and snoozes only until a later time', async () => {
    const { conversationId: id } = await fresh();
    const resolvedAnswer = await act(acme, agent, id, 'status', { status: 'resolved' });
    expect(resolvedAnswer.status).toBe(200);
    expect(resolvedAnswer.json.status).toBe('resolved');
    const resolvedSnooze = await act(acme, agent, id, 'status', {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(resolvedSnooze.status).toBe(409);
    expect(resolvedSnooze.json.error?.code).toBe('invalid_transition');
    expect((await act(acme, agent, id, 'status', { status: 'open' })).json.status).toBe('open');
    const noTime = await act(acme, agent, id, 'status', { status: 'snoozed' });
    expect(noTime.status).toBe(400);
    expect(noTime.json.error?.code).toBe('validation_failed');
    const past = await act(acme, agent, id, 'status', {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status).toBe(409);
    expect(past.json.error?.code).toBe('snooze_in_past');
    const later = await act(acme, agent, id, 'status', {
      status: 'snoozed',
      snoozedUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(later.status).toBe(200);
    expect(later.json.status).toBe('snoozed');
    const types = (await detail(acme, agent, id)).events.map((e) => e.type);
    expect(types.filter((t) => t === 'conversation.status_changed')).toHaveLength(3);
    expect(types).toContain('conversation.reopened');
  });

  it('assigns to an agent, never to a viewer, and unassigns', async () => {
    const { conversationId: id } = await fresh();
    const assigned = await act(acme, agent, id, 'assign', { assigneeId: acme.users.admin.id });
    expect(assigned.status).toBe(200);
    expect(assigned.json).toMatchObject({ assigneeId: acme.users.admin.id, status: 'open' });
    const toViewer = await act(acme, agent, id, 'assign', { assigneeId: acme.users.viewer.id });
    expect(toViewer.status).toBe(404);
    expect(toViewer.json.error?.code).toBe('user_not_found');
    expect((await detail(acme, agent, id)).conversation.assigneeId).toBe(acme.users.admin.id);
    const unassigned = await act(acme, agent, id, 'assign', { assigneeId: null });
    expect(unassigned.json.assigneeId).toBeNull();
  });

  it('records a second team change as a transfer, and drops the assignee', async () => {
    const { conversationId: id } = await fresh();
    const billing = await createTeam(api.db, acme.workspaceId, 'Billing');
    const shipping = await createTeam(api.db, acme.workspaceId, 'Shipping');
    expect((await act(acme, agent, id, 'team', { teamId: billing.id })).json.teamId).toBe(
      billing.id,
    );
    await act(acme, agent, id, 'assign', { assigneeId: acme.users.agent.id });
    const moved = await act(acme, agent, id, 'team', { teamId: shipping.id });
    expect(moved.json).toMatchObject({ teamId: shipping.id, assigneeId: null });
    const events = (await detail(acme, agent, id)).events;
    expect(events.filter((e) => e.type === 'conversation.team_changed')).toHaveLength(2);
    const transfers = events.filter((e) => e.type === 'conversation.transferred');
    expect(transfers.map((e) => e.data)).toEqual([{ from: billing.id, to: shipping.id }]);
  });

  it('sets the priority within 0–100, and adds and removes tags once each', async () => {
    const { conversationId: id } = await fresh();
    expect((await act(acme, agent, id, 'priority', { priority: 77 })).json.priority).toBe(77);
    for (const priority of [101, -1, 2.5, '50']) {
      const answer = await act(acme, agent, id, 'priority', { priority });
      expect(answer.status, String(priority)).toBe(400);
    }
    await act(acme, agent, id, 'tags', { tag: 'refund' });
    const twice = await act(acme, agent, id, 'tags', { tag: 'refund' });
    await act(acme, agent, id, 'tags', { tag: 'angry' });
    expect(twice.json.tags).toEqual(['refund']);
    expect((await act(acme, agent, id, 'untag', { tag: 'refund' })).json.tags).toEqual(['angry']);
    const types = (await detail(acme, agent, id)).events.map((e) => e.type);
    expect(types.filter((t) => t === 'conversation.tagged')).toHaveLength(2);
    expect(types.filter((t) => t === 'conversation.untagged')).toHaveLength(1);
  });

  it('keeps internal notes with their author', async () => {
    const { conversationId: id } = await fresh();
    const note = await act(acme, admin, id, 'notes', { body: 'VIP customer, call them back' });
    expect(note.status).toBe(201);
    const thread = await detail(acme, agent, id);
    expect(thread.notes).toEqual([
      expect.objectContaining({
        body: 'VIP customer, call them back',
        authorId: acme.users.admin.id,
      }),
    ]);
    expect(thread.events.map((e) => e.type)).toContain('note.added');
  });

  it('queues a reply once per Idempotency-Key, and keeps drafts as drafts', async () => {
    const { conversationId: id } = await fresh();
    const path = `${base(acme)}/${id}/replies`;
    const headers = { 'idempotency-key': 'retry-me-1' };
    const first = await api.request('POST', path, {
      as: agent,
      body: { text: 'Sorry! Sending a new one today.' },
      headers,
    });
    expect(first.status).toBe(201);
    expect(first.json.status).toBe('queued');
    const again = await api.request('POST', path, {
      as: agent,
      body: { text: 'Sorry! Sending a new one today.' },
      headers,
    });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    const draft = await api.request('POST', path, {
      as: agent,
      body: { text: 'Maybe: a voucher?', draft: true },
    });
    expect(draft.status).toBe(201);
    expect(draft.json.status).toBe('draft');
    const thread = await detail(acme, agent, id);
    expect(thread.replies.map((r) => [r.id, r.status])).toEqual([
      [first.json.id, 'queued'],
      [draft.json.id, 'draft'],
    ]);
    expect(thread.events.filter((e) => e.type === 'reply.queued')).toHaveLength(1);
    const other = await fresh();
    const reused = await api.request('POST', `${base(acme)}/${other.conversationId}/replies`, {
      as: agent,
      body: { text: 'Hello' },
      headers,
    });
    expect(reused.status).toBe(409);
    expect(reused.json.error?.code).toBe('conflict');
  });

  it('reopens a resolved conversation when the customer writes again', async () => {
    const first = await fresh('the app crashes on login');
    await act(acme, agent, first.conversationId, 'status', { status: 'resolved' });
    const followUp = await addMention(api.db, acme, {
      text: 'it crashes again',
      parentExternalId: first.mention.externalId,
      author: first.mention.author,
    });
    expect(followUp.conversationId).toBe(first.conversationId);
    const thread = await detail(acme, agent, first.conversationId);
    expect(thread.conversation).toMatchObject({ status: 'open', needsReply: true });
    expect(thread.events.at(-1)).toMatchObject({
      type: 'conversation.reopened',
      data: { by: 'customer' },
    });
  });

  it('answers 404 for a conversation that does not exist', async () => {
    const answer = await api.request('GET', `${base(acme)}/00000000-0000-4000-8000-000000000000`, {
      as: agent,
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('conversation_not_found');
  });
});

describe("the inbox narrowed to a report's period", () => {
  it('lists the conversations opened in [openedFrom, openedTo), of any status asked', async () => {
    const ws = await seedWorkspace(api.db, 'Opened');
    const agent = await api.login(ws.users.agent);
    const opened: Record<string, string> = {};
    for (const day of ['01', '02', '03']) {
      const { conversationId } = await addMention(api.db, ws, { text: `order problem ${day}` });
      await sql`update conversations set created_at = ${`2026-03-${day}T12:00:00Z`}::timestamptz,
        status = 'resolved' where id = ${conversationId}`.execute(api.db);
      opened[day] = conversationId;
    }
    const page = await list(
      ws,
      agent,
      'status=new,open,pending,snoozed,resolved&openedFrom=2026-03-02T00:00:00Z&openedTo=2026-03-03T00:00:00Z',
    );
    expect(idsOf(page)).toEqual([opened['02']]);
    // Without the statuses, resolved conversations stay out as always.
    expect(idsOf(await list(ws, agent, 'openedFrom=2026-03-02T00:00:00Z'))).toEqual([]);
    const bad = await api.request(
      'GET',
      `${base(ws)}?openedFrom=${encodeURIComponent('last tuesday')}`,
      { as: agent },
    );
    expect(bad.status).toBe(400);
  });
});
