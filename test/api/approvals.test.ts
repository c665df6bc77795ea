import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutboxOnce } from '../../src/pipeline/outbox/outbox.ts';
import type { ReplyRow } from '../../src/store/schema.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedUser, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let admin: Caller;
let agent: Caller;
const sent: string[] = [];

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Approvals');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
});
afterAll(async () => api?.close());

const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

/** Runs the real outbox once; the network at its edge records what it was asked to send. */
async function runOutbox() {
  await runOutboxOnce({
    db: api.db,
    logger: pino({ level: 'silent' }),
    resolveSender: async () => async (reply: ReplyRow) => {
      sent.push(reply.id);
      return { externalId: `net:${reply.id}` };
    },
  });
}

async function reply(as: Caller, text: string) {
  const { conversationId } = await addMention(api.db, acme, { text: 'My flight was cancelled' });
  const answer = await api.request('POST', `${ws()}/conversations/${conversationId}/replies`, {
    as,
    body: { text },
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as { id: string; status: string };
}

const decide = (replyId: string, body: unknown, as = admin) =>
  api.request('POST', `${ws()}/replies/${replyId}/approval`, { as, body });

async function eventTypes(replyId: string) {
  const rows = await api.db
    .selectFrom('events')
    .select(['type', 'actor_id', 'data'])
    .where('workspace_id', '=', acme.workspaceId)
    .orderBy('id')
    .execute();
  return rows.filter((row) => (row.data as { replyId?: string }).replyId === replyId);
}

describe('reply approvals', () => {
  it('queues every reply at once by default', async () => {
    expect((await reply(agent, 'Sorry, we are on it')).status).toBe('queued');
  });

  it("holds a chosen agent's reply until a lead approves it; the outbox never sends it before", async () => {
    const settings = await api.request('PUT', `${ws()}/reply-settings`, {
      as: admin,
      body: { approvalUserIds: [acme.users.agent.id] },
    });
    expect(settings.status, settings.text).toBe(200);
    expect(settings.json).toMatchObject({
      approvalUserIds: [acme.users.agent.id],
      csatEnabled: false,
    });

    const held = await reply(agent, 'So sorry, rebooking you now');
    expect(held.status).toBe('awaiting_approval');
    const pending = await api.request('GET', `${ws()}/approvals`, { as: agent });
    expect(pending.json.items).toEqual([
      expect.objectContaining({
        replyId: held.id,
        reasons: ['agent'],
        author: expect.objectContaining({ id: acme.users.agent.id }),
      }),
    ]);
    await runOutbox();
    expect(sent).not.toContain(held.id);

    expect((await decide(held.id, { decision: 'approve' }, agent)).status).toBe(403);
    const approved = await decide(held.id, { decision: 'approve' });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.status).toBe('queued');
    await runOutbox();
    expect(sent).toContain(held.id);
    const again = await decide(held.id, { decision: 'approve' });
    expect(again.status).toBe(200);
    expect(again.json.status).toBe('sent');
    expect((await eventTypes(held.id)).map((e) => e.type)).toEqual([
      'reply.awaiting_approval',
      'reply.approved',
      'reply.queued',
      'reply.sent',
    ]);
    expect((await api.request('GET', `${ws()}/approvals`, { as: agent })).json.items).toEqual([]);
  });

  it('holds tone-flagged replies when the setting says so, and a rejected one is kept, never sent', async () => {
    await api.request('PUT', `${ws()}/reply-settings`, {
      as: admin,
      body: { approvalUserIds: [], approveToneFlagged: true },
    });
    expect((await reply(admin, "We're sorry, a new seat is booked for you.")).status).toBe(
      'queued',
    );
    const snarky = await reply(admin, 'As we already told you, you should have checked the email.');
    expect(snarky.status).toBe('awaiting_approval');
    const pending = await api.request('GET', `${ws()}/approvals`, { as: agent });
    const item = (
      pending.json.items as Array<{
        replyId: string;
        reasons: string[];
        toneFlags: Array<{ code: string }>;
      }>
    )[0]!;
    expect(item).toMatchObject({ replyId: snarky.id, reasons: ['tone'] });
    expect(item.toneFlags.map((f) => f.code)).toContain('blame');

    expect((await decide(snarky.id, { decision: 'reject' })).status).toBe(400);
    const rejected = await decide(snarky.id, { decision: 'reject', reason: 'blames the customer' });
    expect(rejected.json).toMatchObject({
      status: 'rejected',
      error: 'rejected: blames the customer',
    });
    await runOutbox();
    expect(sent).not.toContain(snarky.id);
    expect((await decide(snarky.id, { decision: 'approve' })).status).toBe(409);
    const row = await api.db
      .selectFrom('replies')
      .select(['text', 'status'])
      .where('id', '=', snarky.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      text: 'As we already told you, you should have checked the email.',
      status: 'rejected',
    });
    const events = await eventTypes(snarky.id);
    expect(events.at(-1)).toMatchObject({
      type: 'reply.rejected',
      actor_id: acme.users.admin.id,
      data: { reason: 'blames the customer' },
    });
  });

  it('refuses a decision on a reply that never waited, and naming someone outside the workspace', async () => {
    await api.request('PUT', `${ws()}/reply-settings`, { as: admin, body: {} });
    const plain = await reply(agent, 'Thanks for waiting');
    expect((await decide(plain.id, { decision: 'approve' })).status).toBe(409);
    const stranger = await seedUser(api.db, 'Stranger');
    const answer = await api.request('PUT', `${ws()}/reply-settings`, {
      as: admin,
      body: { approvalUserIds: [stranger.id] },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('user_not_found');
  });
});
