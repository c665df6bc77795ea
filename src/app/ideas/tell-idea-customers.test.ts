import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { listConversationReplies } from '../../store/replies.repository.ts';
import { sendReply } from '../replies/send-reply.ts';
import { setReplySettings } from '../replies/set-reply-settings.ts';
import type { UseCaseContext } from '../use-case.ts';
import { createIdea } from './create-idea.ts';
import { loadNoticeReview } from './idea-notice-review.ts';
import { mergeIdea } from './merge-idea.ts';
import { setNoticeTemplate } from './set-notice-template.ts';
import { tellIdeaCustomers } from './tell-idea-customers.ts';
import { updateIdeaStatus } from './update-idea-status.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;
let agent: UseCaseContext;
let admin: UseCaseContext;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Notices');
  agent = useCaseContextOf(database, seeded, 'agent');
  admin = useCaseContextOf(database, seeded, 'admin');
});
afterAll(async () => database?.close());

const customer = (name: string, overrides: Parameters<typeof addMention>[2] = {}) =>
  addMention(database.store.db, seeded, {
    text: 'You should add seat maps',
    author: { externalId: `did:plc:${name}`, handle: `${name}.test`, displayName: `${name} Smith` },
    ...overrides,
  });

async function ideaFrom(title: string, mentionIds: string[]) {
  const { id } = await createIdea(agent, { title, description: '', mentionIds });
  return id;
}

const repliesOf = (conversationId: string) =>
  listConversationReplies(database.store.db, seeded.workspaceId, conversationId);

const tellAll = async (ideaId: string) => {
  const review = await loadNoticeReview(database.store.db, agent, ideaId);
  return tellIdeaCustomers(agent, ideaId, {
    status: review.status ?? '',
    notices: review.recipients.map((r) => ({ conversationId: r.conversationId, text: r.draft })),
  });
};

describe('telling customers what became of their idea', () => {
  it('replies on each thread through the outbox, and records who could not be told and why', async () => {
    const ana = await customer('ana');
    const bo = await customer('bo');
    const cy = await customer('cy', { network: 'import' });
    const di = await customer('di', { isPrivate: true });
    await database.store.db
      .updateTable('mentions')
      .set({ deleted_at: new Date('2026-11-30T00:00:00Z') })
      .where('id', '=', bo.mentionId)
      .execute();
    const ideaId = await ideaFrom('Seat maps', [
      ana.mentionId,
      bo.mentionId,
      cy.mentionId,
      di.mentionId,
    ]);
    await updateIdeaStatus(admin, ideaId, { status: 'under_review' });
    await updateIdeaStatus(admin, ideaId, { status: 'planned' });

    const review = await loadNoticeReview(database.store.db, agent, ideaId);
    expect(review.status).toBe('planned');
    const byConversation = new Map(review.recipients.map((r) => [r.conversationId, r]));
    expect(byConversation.get(ana.conversationId)).toMatchObject({
      cannotTell: null,
      visibility: 'public',
      draft: 'Hi ana, good news: "Seat maps", which you suggested, is now planned. Thank you!',
    });
    expect(byConversation.get(bo.conversationId)?.cannotTell).toBe('post_deleted');
    expect(byConversation.get(cy.conversationId)?.cannotTell).toBe('network_without_replies');
    // A private Bluesky message cannot be answered privately: it is not answered in public.
    expect(byConversation.get(di.conversationId)?.cannotTell).toBe('network_without_replies');

    expect(await tellAll(ideaId)).toEqual({ told: 1, notTold: 3, alreadyRecorded: 0 });
    const [sent] = await repliesOf(ana.conversationId);
    expect(sent).toMatchObject({ status: 'queued', in_reply_to_mention_id: ana.mentionId });
    expect(await repliesOf(bo.conversationId)).toEqual([]);
    expect(await repliesOf(di.conversationId)).toEqual([]);

    const after = await loadNoticeReview(database.store.db, agent, ideaId);
    expect(
      after.history.map((n) => [n.conversationId, n.outcome, n.reason, n.replyId]).sort(),
    ).toEqual(
      [
        [ana.conversationId, 'told', null, sent!.id],
        [bo.conversationId, 'not_told', 'post_deleted', null],
        [cy.conversationId, 'not_told', 'network_without_replies', null],
        [di.conversationId, 'not_told', 'network_without_replies', null],
      ].sort(),
    );
    // Telling again tells nobody twice.
    expect(await tellAll(ideaId)).toEqual({ told: 0, notTold: 0, alreadyRecorded: 4 });
    expect(await repliesOf(ana.conversationId)).toHaveLength(1);
  });

  it('holds a notice for approval like any reply from a member who needs one', async () => {
    const eve = await customer('eve');
    const ideaId = await ideaFrom('Quiet carriages', [eve.mentionId]);
    await updateIdeaStatus(admin, ideaId, { status: 'declined', reason: 'the trains are full' });
    await setReplySettings(admin, {
      approvalUserIds: [seeded.users.agent.id],
      approveToneFlagged: false,
      csatEnabled: false,
      csatQuestion: null,
    });
    try {
      await setNoticeTemplate(admin, 'declined', 'Sorry {{customer.name}}: {{idea.reason}}.');
      await tellAll(ideaId);
      const [held] = await repliesOf(eve.conversationId);
      expect(held).toMatchObject({
        status: 'awaiting_approval',
        text: 'Sorry eve: the trains are full.',
      });
      const review = await loadNoticeReview(database.store.db, agent, ideaId);
      expect(review.recipients[0]?.notice).toMatchObject({
        outcome: 'told',
        replyId: held!.id,
        replyStatus: 'awaiting_approval',
      });
    } finally {
      await setReplySettings(admin, {
        approvalUserIds: [],
        approveToneFlagged: false,
        csatEnabled: false,
        csatQuestion: null,
      });
    }
  });

  it('records a reply sent before a failure instead of sending a second, and keeps an event', async () => {
    const jo = await customer('jo');
    const ideaId = await ideaFrom('Pet seats', [jo.mentionId]);
    await updateIdeaStatus(admin, ideaId, { status: 'under_review' });
    // As if a first request sent the reply and failed before recording it.
    const first = await sendReply(agent, {
      conversationId: jo.conversationId,
      text: 'Looking into pet seats!',
      visibility: 'public',
      draft: false,
      idempotencyKey: `idea-notice:${ideaId}:under_review:${jo.conversationId}`,
    });
    expect(await tellAll(ideaId)).toEqual({ told: 1, notTold: 0, alreadyRecorded: 0 });
    expect((await repliesOf(jo.conversationId)).map((r) => r.id)).toEqual([first.reply.id]);
    const review = await loadNoticeReview(database.store.db, agent, ideaId);
    expect(review.recipients[0]?.notice?.replyId).toBe(first.reply.id);
    const events = await database.store.db
      .selectFrom('events')
      .select(['data', 'actor_id'])
      .where('workspace_id', '=', seeded.workspaceId)
      .where('type', '=', 'idea.customers_told')
      .execute();
    expect(events.map((e) => e.data)).toContainEqual({
      ideaId,
      status: 'under_review',
      told: 1,
      notTold: 0,
    });
  });

  it('tells the customers of a merged duplicate on the idea it joined', async () => {
    const fay = await customer('fay');
    const gus = await customer('gus');
    const kept = await ideaFrom('Dark mode', [fay.mentionId]);
    const duplicate = await ideaFrom('Night theme', [gus.mentionId]);
    await mergeIdea(admin, duplicate, kept);
    await updateIdeaStatus(admin, kept, { status: 'under_review' });
    expect(await tellAll(kept)).toEqual({ told: 2, notTold: 0, alreadyRecorded: 0 });
    expect(await repliesOf(gus.conversationId)).toHaveLength(1);
  });

  it('refuses a stale status, a stranger thread, a too-long notice and an unknown variable', async () => {
    const hal = await customer('hal');
    const other = await customer('ivy');
    const ideaId = await ideaFrom('Wider seats', [hal.mentionId]);
    await updateIdeaStatus(admin, ideaId, { status: 'under_review' });
    const tell = (status: string, conversationId: string, text = 'Thanks!') =>
      tellIdeaCustomers(agent, ideaId, { status, notices: [{ conversationId, text }] });
    await expect(tell('planned', hal.conversationId)).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await expect(tell('under_review', other.conversationId)).rejects.toMatchObject({
      code: 'conversation_not_found',
    });
    await expect(tell('under_review', hal.conversationId, 'x'.repeat(301))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(setNoticeTemplate(admin, 'done', 'Hi {{customer.email}}')).rejects.toMatchObject({
      code: 'unknown_variable',
    });
    expect(await repliesOf(hal.conversationId)).toEqual([]);
  });
});
