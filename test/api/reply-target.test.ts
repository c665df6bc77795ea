import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMentionChanges } from '../../src/pipeline/intake/apply-mention-changes.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let globex: SeededWorkspace;
let agent: Caller;

beforeAll(async () => {
  api = await createTestApi();
  [acme, globex] = [
    await seedWorkspace(api.db, 'Reply target'),
    await seedWorkspace(api.db, 'Elsewhere'),
  ];
  agent = await api.login(acme.users.agent);
});
afterAll(async () => api?.close());

const conversationPath = (id: string) =>
  `/api/v1/workspaces/${acme.workspaceId}/conversations/${id}`;
let posts = 0;

/** A Mastodon thread: Ana's post, then Ben replying inside it (one conversation, two customers). */
async function sharedThread(seeded = acme) {
  const at = Date.now();
  const first = await addMention(api.db, seeded, {
    network: 'mastodon',
    externalId: `ana-${(posts += 1)}`,
    text: 'My order never arrived and nobody answers the phone',
    author: { externalId: `ana${posts}`, handle: `ana${posts}@social.example`, followers: 3 },
    postedAt: new Date(at - 120_000),
  });
  const second = await addMention(api.db, seeded, {
    network: 'mastodon',
    externalId: `ben-${posts}`,
    parentExternalId: first.mention.externalId,
    rootExternalId: first.mention.externalId,
    text: 'Same here, mine is two weeks late',
    author: { externalId: `ben${posts}`, handle: `ben${posts}@social.example`, followers: 3 },
    postedAt: new Date(at - 60_000),
  });
  expect(second.conversationId).toBe(first.conversationId);
  return { conversationId: first.conversationId, first, second };
}

const reply = (conversationId: string, body: Record<string, unknown>) =>
  api.request('POST', `${conversationPath(conversationId)}/replies`, { as: agent, body });

const deleteOnNetwork = (seeded: SeededWorkspace, externalId: string, at: Date) =>
  api.db
    .transaction()
    .execute((tx) =>
      applyMentionChanges(tx, { workspaceId: seeded.workspaceId, network: 'mastodon' }, [
        { externalId, kind: 'deleted', at },
      ]),
    );

const repliesOf = (conversationId: string) =>
  api.db
    .selectFrom('replies')
    .select(['id', 'in_reply_to_mention_id'])
    .where('conversation_id', '=', conversationId)
    .execute();

describe('inReplyTo', () => {
  it('answers the post the agent chose; without it, the newest customer post', async () => {
    const { conversationId, first, second } = await sharedThread();
    const toAna = await reply(conversationId, {
      text: 'Ana, it ships today',
      inReplyTo: first.mentionId,
    });
    expect(toAna.status, toAna.text).toBe(201);
    expect(toAna.json).toMatchObject({ status: 'queued', inReplyToMentionId: first.mentionId });
    const toNewest = await reply(conversationId, { text: 'Ben, we are on it' });
    expect(toNewest.json).toMatchObject({ inReplyToMentionId: second.mentionId });

    const detail = await api.request('GET', conversationPath(conversationId), { as: agent });
    const replies = detail.json.replies as Array<{ text: string; inReplyToMentionId: string }>;
    expect(replies.map((r) => [r.text, r.inReplyToMentionId])).toEqual([
      ['Ana, it ships today', first.mentionId],
      ['Ben, we are on it', second.mentionId],
    ]);
  });

  it("refuses another conversation's or workspace's post with 422, storing nothing", async () => {
    const { conversationId } = await sharedThread();
    const otherConversation = await sharedThread();
    const otherWorkspace = await sharedThread(globex);
    for (const foreign of [otherConversation.first.mentionId, otherWorkspace.first.mentionId]) {
      const answer = await reply(conversationId, { text: 'Hello', inReplyTo: foreign });
      expect(answer.status, answer.text).toBe(422);
      expect(answer.json.error).toEqual({
        code: 'reply_target_not_found',
        message: 'inReplyTo names no post of this conversation',
        details: { field: 'inReplyTo' },
      });
    }
    const notAnId = await reply(conversationId, { text: 'Hello', inReplyTo: 'ana-1' });
    expect(notAnId.status).toBe(400);
    expect(await repliesOf(conversationId)).toEqual([]);
  });

  it('refuses a post its author deleted, saying why, and the default skips it', async () => {
    const { conversationId, first, second } = await sharedThread();
    const deletedAt = new Date('2026-12-01T09:30:00.000Z');
    await deleteOnNetwork(acme, second.mention.externalId, deletedAt);

    const answer = await reply(conversationId, { text: 'Ben?', inReplyTo: second.mentionId });
    expect(answer.status, answer.text).toBe(409);
    expect(answer.json.error).toMatchObject({
      code: 'reply_target_deleted',
      details: { field: 'inReplyTo', deletedAt: deletedAt.toISOString() },
    });
    expect(answer.json.error?.message).toContain(
      `@${second.mention.author.handle} deleted this post on the network at ${deletedAt.toISOString()}`,
    );
    // Ben's post is gone from the network: the default answers Ana's, still there.
    const byDefault = await reply(conversationId, { text: 'Ana, it ships today' });
    expect(byDefault.json).toMatchObject({ inReplyToMentionId: first.mentionId });

    await deleteOnNetwork(acme, first.mention.externalId, deletedAt);
    const nothingLeft = await reply(conversationId, { text: 'Anyone?' });
    expect(nothingLeft.status).toBe(409);
    expect(nothingLeft.json.error?.code).toBe('reply_target_deleted');
    expect(await repliesOf(conversationId)).toHaveLength(1);

    // The thread still shows both posts, marked.
    const detail = await api.request('GET', conversationPath(conversationId), { as: agent });
    const mentions = detail.json.mentions as Array<{ id: string; text: string; deletedAt: string }>;
    expect(mentions.map((m) => [m.id, m.deletedAt])).toEqual([
      [first.mentionId, deletedAt.toISOString()],
      [second.mentionId, deletedAt.toISOString()],
    ]);
    expect(mentions[1]!.text).toBe('Same here, mine is two weeks late');
  });

  it('will not retry a failed reply whose post was deleted since', async () => {
    const { conversationId, first } = await sharedThread();
    const sent = await reply(conversationId, { text: 'Ana, sorry', inReplyTo: first.mentionId });
    await api.db
      .updateTable('replies')
      .set({ status: 'failed', error: 'network down' })
      .where('id', '=', sent.json.id as string)
      .execute();
    await deleteOnNetwork(acme, first.mention.externalId, new Date('2026-12-01T09:45:00Z'));
    const retry = await api.request(
      'POST',
      `/api/v1/workspaces/${acme.workspaceId}/replies/${sent.json.id as string}/retry`,
      { as: agent },
    );
    expect(retry.status, retry.text).toBe(409);
    expect(retry.json.error?.code).toBe('reply_target_deleted');
  });
});
