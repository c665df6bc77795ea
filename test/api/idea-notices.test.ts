import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, TestApi } from '../helpers/api.ts';
import { startTwoWorkspaces } from '../helpers/two-workspaces.ts';
import { addMention } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Review {
  status: string | null;
  recipients: Array<{
    conversationId: string;
    customerName: string;
    cannotTell: string | null;
    draft: string;
    notice: { outcome: string; replyId: string | null; replyStatus: string | null } | null;
  }>;
  history: Array<{ conversationId: string; outcome: string; reason: string | null }>;
  outcome?: { told: number; notTold: number; alreadyRecorded: number };
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let admin: Caller;
let agent: Caller;
let viewer: Caller;
let stranger: Caller;

beforeAll(async () => {
  ({ api, acme, other, admin, agent, viewer, stranger } = await startTwoWorkspaces('Notices'));
});
afterAll(async () => api?.close());

const wsPath = (ws: SeededWorkspace) => `/api/v1/workspaces/${ws.workspaceId}`;

async function plannedIdea(title: string, ...authors: string[]) {
  const posts = [];
  for (const name of authors) {
    posts.push(
      await addMention(api.db, acme, {
        text: 'add a quiet carriage please',
        author: { externalId: `did:plc:${name}`, handle: `${name}.test`, displayName: name },
      }),
    );
  }
  const created = await api.request('POST', `${wsPath(acme)}/ideas`, {
    as: agent,
    body: { title, mentionIds: posts.map((p) => p.mentionId) },
  });
  const id = created.json.id as string;
  for (const status of ['under_review', 'planned'])
    await api.request('POST', `${wsPath(acme)}/ideas/${id}/status`, {
      as: admin,
      body: { status },
    });
  return { id, posts };
}

const notices = (id: string) => `${wsPath(acme)}/ideas/${id}/notices`;

describe('telling customers of an idea’s status', () => {
  it('drafts from the template, sends as replies, and lists who was told', async () => {
    const { id, posts } = await plannedIdea('Quiet carriage', 'Maya Lin', 'Omar');
    await api.db
      .updateTable('mentions')
      .set({ deleted_at: new Date() })
      .where('id', '=', posts[1]!.mentionId)
      .execute();
    const review = (await api.request('GET', notices(id), { as: viewer }))
      .json as unknown as Review;
    expect(review.status).toBe('planned');
    expect(review.recipients.map((r) => [r.customerName, r.cannotTell])).toEqual([
      ['Maya Lin', null],
      ['Omar', 'post_deleted'],
    ]);
    expect(review.recipients[0]!.draft).toContain('Hi Maya, good news: "Quiet carriage"');

    const told = await api.request('POST', notices(id), {
      as: agent,
      body: {
        status: 'planned',
        notices: review.recipients.map((r) => ({
          conversationId: r.conversationId,
          text: r.draft,
        })),
      },
    });
    expect(told.status, told.text).toBe(200);
    const after = told.json as unknown as Review;
    expect(after.outcome).toEqual({ told: 1, notTold: 1, alreadyRecorded: 0 });
    expect(after.recipients[0]!.notice).toMatchObject({ outcome: 'told', replyStatus: 'queued' });
    expect(after.history.map((n) => [n.outcome, n.reason])).toEqual([
      ['told', null],
      ['not_told', 'post_deleted'],
    ]);
    const replies = await api.db
      .selectFrom('replies')
      .select(['id', 'text', 'status'])
      .where('conversation_id', '=', posts[0]!.conversationId)
      .execute();
    expect(replies).toEqual([
      {
        id: after.recipients[0]!.notice!.replyId,
        text: review.recipients[0]!.draft,
        status: 'queued',
      },
    ]);
  });

  it('refuses a viewer, a stale status and a thread the idea does not hold', async () => {
    const { id, posts } = await plannedIdea('Bigger tables', 'Lee');
    const body = (status: string, conversationId: string) => ({
      status,
      notices: [{ conversationId, text: 'Thanks!' }],
    });
    const asViewer = await api.request('POST', notices(id), {
      as: viewer,
      body: body('planned', posts[0]!.conversationId),
    });
    expect(asViewer.status).toBe(403);
    const stale = await api.request('POST', notices(id), {
      as: agent,
      body: body('done', posts[0]!.conversationId),
    });
    expect([stale.status, stale.json.error?.code]).toEqual([409, 'invalid_transition']);
    const elsewhere = await addMention(api.db, acme, { text: 'unrelated' });
    const foreign = await api.request('POST', notices(id), {
      as: agent,
      body: body('planned', elsewhere.conversationId),
    });
    expect([foreign.status, foreign.json.error?.code]).toEqual([404, 'conversation_not_found']);
  });

  it('keeps one workspace’s ideas, customers and templates from another', async () => {
    const { id, posts } = await plannedIdea('Lockers', 'Ana');
    const theirs = `${wsPath(other)}/ideas/${id}/notices`;
    const read = await api.request('GET', theirs, { as: stranger });
    expect([read.status, read.json.error?.code]).toEqual([404, 'idea_not_found']);
    const send = await api.request('POST', theirs, {
      as: stranger,
      body: {
        status: 'planned',
        notices: [{ conversationId: posts[0]!.conversationId, text: 'Hi' }],
      },
    });
    expect([send.status, send.json.error?.code]).toEqual([404, 'idea_not_found']);
    // A member of Acme naming the other workspace's conversation is refused too.
    const theirPost = await addMention(api.db, other, { text: 'theirs' });
    const mixed = await api.request('POST', notices(id), {
      as: agent,
      body: {
        status: 'planned',
        notices: [{ conversationId: theirPost.conversationId, text: 'Hi' }],
      },
    });
    expect([mixed.status, mixed.json.error?.code]).toEqual([404, 'conversation_not_found']);
    expect(
      await api.db
        .selectFrom('replies')
        .select('id')
        .where('conversation_id', '=', theirPost.conversationId)
        .execute(),
    ).toEqual([]);

    const saved = await api.request('PUT', `${wsPath(acme)}/idea-notice-templates`, {
      as: admin,
      body: { planned: 'Planned, {{customer.name}}: {{idea.title}}' },
    });
    expect(saved.status, saved.text).toBe(200);
    const mine = await api.request('GET', `${wsPath(acme)}/idea-notice-templates`, { as: viewer });
    const otherTemplates = await api.request('GET', `${wsPath(other)}/idea-notice-templates`, {
      as: stranger,
    });
    const plannedOf = (answer: typeof mine) =>
      (answer.json.templates as Array<{ status: string; body: string; isDefault: boolean }>).find(
        (t) => t.status === 'planned',
      );
    expect(plannedOf(mine)).toEqual({
      status: 'planned',
      body: 'Planned, {{customer.name}}: {{idea.title}}',
      isDefault: false,
    });
    expect(plannedOf(otherTemplates)?.isDefault).toBe(true);
    const review = await api.request('GET', notices(id), { as: agent });
    expect((review.json as unknown as Review).recipients[0]!.draft).toBe('Planned, Ana: Lockers');
  });

  it('refuses a template with an unknown variable, and null goes back to the default', async () => {
    const path = `${wsPath(acme)}/idea-notice-templates`;
    const bad = await api.request('PUT', path, { as: admin, body: { done: 'Hi {{agent.name}}' } });
    expect([bad.status, bad.json.error?.code]).toEqual([422, 'unknown_variable']);
    const byAgent = await api.request('PUT', path, { as: agent, body: { done: 'Done!' } });
    expect(byAgent.status).toBe(403);
    await api.request('PUT', path, { as: admin, body: { done: 'Done!' } });
    const reset = await api.request('PUT', path, { as: admin, body: { done: null } });
    const done = (reset.json.templates as Array<{ status: string; isDefault: boolean }>).find(
      (t) => t.status === 'done',
    );
    expect(done?.isDefault).toBe(true);
  });
});

describe("a brand's ideas channel", () => {
  it('takes only its own handles and hashtags, and lands posts naming one in the ideas inbox', async () => {
    const brand = `${wsPath(acme)}/brands/${acme.brandId}`;
    const stray = await api.request('PATCH', brand, {
      as: admin,
      body: { ideasTerms: ['@someoneelse'] },
    });
    expect([stray.status, stray.json.error?.code]).toEqual([422, 'validation_failed']);
    const saved = await api.request('PATCH', brand, {
      as: admin,
      body: { hashtags: ['#AcmeIdeas'], ideasTerms: ['#AcmeIdeas'] },
    });
    expect([saved.status, saved.json.ideasTerms]).toEqual([200, ['#AcmeIdeas']]);

    const idea = await addMention(api.db, acme, { text: 'a kids menu on board #acmeideas' });
    const unrelated = await addMention(api.db, acme, { text: 'acme lost my bag' });
    const inbox = await api.request(
      'GET',
      `${wsPath(acme)}/conversations?socialIntent=idea&limit=100`,
      { as: viewer },
    );
    expect(inbox.status, inbox.text).toBe(200);
    const listed = (inbox.json.items as Array<{ id: string }>).map((item) => item.id);
    expect(listed).toContain(idea.conversationId);
    expect(listed).not.toContain(unrelated.conversationId);
    // Another workspace's inbox does not show it.
    const theirs = await api.request('GET', `${wsPath(other)}/conversations?socialIntent=idea`, {
      as: stranger,
    });
    expect(theirs.status, theirs.text).toBe(200);
    expect((theirs.json.items as Array<{ id: string }>).map((item) => item.id)).not.toContain(
      idea.conversationId,
    );
  });
});
