import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/channel.ts';
import { runOutboxOnce } from '../../src/pipeline/outbox/outbox.ts';
import type { ReplyRow } from '../../src/store/schema.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let agent: Caller;
let admin: Caller;
let viewer: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Delivery');
  [agent, admin, viewer] = await Promise.all([
    api.login(acme.users.agent),
    api.login(acme.users.admin),
    api.login(acme.users.viewer),
  ]);
});
afterAll(async () => api?.close());

const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

async function replyOn(network: string, body: Record<string, unknown>) {
  const { conversationId } = await addMention(api.db, acme, {
    network: network as 'bluesky',
    text: 'Where is my refund?',
  });
  return api.request('POST', `${ws()}/conversations/${conversationId}/replies`, {
    as: agent,
    body,
  });
}

/** The real outbox once, with the network at its edge answering as `network` says. */
async function runOutbox(network: (reply: ReplyRow) => Promise<{ externalId: string }>) {
  await runOutboxOnce({
    db: api.db,
    logger: pino({ level: 'silent' }),
    resolveSender: async () => network,
  });
}

const replyRow = (id: string) =>
  api.db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('private replies', () => {
  it('are sent privately where the network allows it', async () => {
    const answer = await replyOn('mastodon', {
      text: 'Sent you the details',
      visibility: 'private',
    });
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json).toMatchObject({ visibility: 'private', status: 'queued' });
    const seen: string[] = [];
    await runOutbox(async (reply) => {
      seen.push(`${reply.id}:${reply.visibility}`);
      return { externalId: 'dm-1' };
    });
    expect(seen).toContain(`${answer.json.id as string}:private`);
  });

  it('are refused with a clear 422 where it does not, and nothing is stored', async () => {
    for (const network of ['bluesky', 'google_reviews']) {
      const answer = await replyOn(network, { text: 'Details by DM', visibility: 'private' });
      expect(answer.status, answer.text).toBe(422);
      expect(answer.json.error).toMatchObject({
        code: 'validation_failed',
        message: `${network} takes no private replies from Earshot; send a public reply instead`,
        details: { field: 'visibility', network },
      });
    }
    const stored = await api.db
      .selectFrom('replies')
      .select('id')
      .where('workspace_id', '=', acme.workspaceId)
      .where('text', '=', 'Details by DM')
      .execute();
    expect(stored).toEqual([]);
  });

  it('are held to the private limit by the tone check, not the public one', async () => {
    await api.request('PUT', `${ws()}/reply-settings`, {
      as: admin,
      body: { approveToneFlagged: true },
    });
    const long = 'Sorry for the trouble, here is everything you need to know. '.repeat(8);
    const publicly = await replyOn('x', { text: long });
    expect(publicly.json.status).toBe('awaiting_approval');
    const privately = await replyOn('x', { text: long, visibility: 'private' });
    expect(privately.json.status).toBe('queued');
    await api.request('PUT', `${ws()}/reply-settings`, { as: admin, body: {} });
  });
});

describe('retrying a failed reply', () => {
  it('queues it again with the same idempotency key, records who did it, and it is sent once', async () => {
    const answer = await replyOn('bluesky', { text: 'We refunded you today.' });
    const id = answer.json.id as string;
    const keys: string[] = [];
    // Replies queued by the tests before this one go out; only this one meets a failure.
    await runOutbox(async (reply) => {
      if (reply.id !== id) return { externalId: `other:${reply.id}` };
      keys.push(reply.idempotency_key);
      throw new ChannelSendError('the post was removed', { retryable: false });
    });
    const failed = await replyRow(id);
    expect(failed).toMatchObject({ status: 'failed', error: 'the post was removed', attempts: 1 });

    expect((await api.request('POST', `${ws()}/replies/${id}/retry`, { as: viewer })).status).toBe(
      403,
    );
    const retried = await api.request('POST', `${ws()}/replies/${id}/retry`, { as: agent });
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json).toMatchObject({ id, status: 'queued', error: null, attempts: 0 });
    const queued = await replyRow(id);
    expect(queued.idempotency_key).toBe(failed.idempotency_key);

    await runOutbox(async (reply) => {
      if (reply.id === id) keys.push(reply.idempotency_key);
      return { externalId: reply.id === id ? 'post-2' : `other:${reply.id}` };
    });
    expect(await replyRow(id)).toMatchObject({ status: 'sent', external_id: 'post-2' });
    expect(keys).toEqual([failed.idempotency_key, failed.idempotency_key]);

    const events = await api.db
      .selectFrom('events')
      .select(['type', 'actor_id', 'data'])
      .where('workspace_id', '=', acme.workspaceId)
      .orderBy('id')
      .execute();
    const mine = events.filter((e) => (e.data as { replyId?: string }).replyId === id);
    expect(mine.map((e) => e.type)).toEqual([
      'reply.queued',
      'reply.failed',
      'reply.retried',
      'reply.sent',
    ]);
    expect(mine[2]).toMatchObject({
      actor_id: acme.users.agent.id,
      data: { previousError: 'the post was removed' },
    });
  });

  it('answers a reply already on its way as it is, and refuses one waiting for approval', async () => {
    const answer = await replyOn('bluesky', { text: 'On its way.' });
    const id = answer.json.id as string;
    const again = await api.request('POST', `${ws()}/replies/${id}/retry`, { as: agent });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ id, status: 'queued' });

    await api.request('PUT', `${ws()}/reply-settings`, {
      as: admin,
      body: { approvalUserIds: [acme.users.agent.id] },
    });
    const held = await replyOn('bluesky', { text: 'Waiting for a lead.' });
    await api.request('PUT', `${ws()}/reply-settings`, { as: admin, body: {} });
    const refused = await api.request('POST', `${ws()}/replies/${held.json.id as string}/retry`, {
      as: agent,
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({
      code: 'invalid_transition',
      message: 'only a failed reply can be retried; this one is awaiting approval',
    });
    const missing = await api.request(
      'POST',
      `${ws()}/replies/00000000-0000-4000-8000-000000000000/retry`,
      { as: agent },
    );
    expect(missing.status).toBe(404);
    expect(missing.json.error?.code).toBe('reply_not_found');
  });
});
