import { describe, expect, it } from 'vitest';
import type { Conversation } from './conversation.ts';
import { freshMentions, threadLookupIds, uniqueMentions } from './intake-batch.ts';
import { planIntake } from './intake-plan.ts';
import type { IntakeContact, IntakeLookups, MentionAssessment } from './intake-plan.ts';
import type { Mention } from './mention.ts';

const now = new Date('2026-11-23T12:00:00Z');
const earlier = new Date('2026-11-23T10:00:00Z');

function post(externalId: string, more: Partial<Mention> = {}): Mention {
  return {
    network: 'bluesky',
    externalId,
    text: `post ${externalId}`,
    author: { externalId: 'did:ann', handle: 'ann' },
    postedAt: new Date(now.getTime() - 60_000),
    isPrivate: false,
    raw: {},
    ...more,
  };
}

const brand = { externalId: 'did:brand', handle: 'acme' };
const contacts = new Map<string, IntakeContact>([
  ['did:ann', { contactId: 'contact-ann', blocked: false, blockReason: null }],
  ['did:brand', { contactId: 'contact-brand', blocked: false, blockReason: null }],
  ['did:troll', { contactId: 'contact-troll', blocked: true, blockReason: 'abuse' }],
]);

function stored(id: string, more: Partial<Conversation> = {}): Conversation {
  return {
    id,
    workspaceId: 'ws',
    status: 'open',
    priority: 1,
    teamId: 'team-1',
    assigneeId: null,
    tags: [],
    needsReply: false,
    firstRespondedAt: earlier,
    snoozedUntil: null,
    resolvedAt: null,
    lastMessageAt: earlier,
    updatedAt: earlier,
    ...more,
  };
}

function lookups(more: Partial<IntakeLookups> = {}): IntakeLookups {
  return {
    storedConversationOf: new Map(),
    conversationOfRoot: new Map(),
    conversations: new Map(),
    contacts,
    awaitingSurveys: new Map(),
    ...more,
  };
}

function plan(mentions: Mention[], loaded = lookups(), assessment?: Partial<MentionAssessment>) {
  let ids = 0;
  return planIntake(
    {
      workspaceId: 'ws',
      brandId: 'brand',
      network: 'bluesky',
      fresh: mentions.map((mention) => ({
        mention,
        assessment: { priority: 2, sentiment: 'negative', needsReply: true, ...assessment },
      })),
      now,
      newId: () => `id-${++ids}`,
    },
    loaded,
  );
}

describe('planIntake', () => {
  it('opens a new conversation for a post that answers nothing', () => {
    const planned = plan([post('p1', { text: 'x'.repeat(400) })]);
    expect(planned.conversations).toHaveLength(1);
    const [opened] = planned.conversations;
    expect(opened).toMatchObject({
      contactId: 'contact-ann',
      rootExternalId: 'p1',
      mentionCount: 1,
    });
    expect(opened!.conversation).toMatchObject({ status: 'new', priority: 2, needsReply: true });
    expect(opened!.preview).toHaveLength(280);
    expect(planned.mentions[0]).toMatchObject({ conversationId: opened!.conversation.id });
    expect(planned.events.map((event) => event.type)).toEqual(['conversation.created']);
    // One notice for the new mention that opened the conversation, naming both (ADR 0012).
    expect(planned.notices).toEqual([
      {
        type: 'conversation.created',
        conversationId: opened!.conversation.id,
        mentionId: planned.mentions[0]!.id,
      },
    ]);
  });

  it('threads a reply in the same batch into the conversation its parent opened', () => {
    const root = post('p1');
    const reply = post('p2', { parentExternalId: 'p1', rootExternalId: 'p1' });
    const planned = plan([root, reply]);
    expect(planned.conversations).toHaveLength(1);
    expect(planned.conversations[0]!.mentionCount).toBe(2);
    expect(new Set(planned.mentions.map((m) => m.conversationId)).size).toBe(1);
  });

  it("counts the brand's own answer as the first response of the conversation it joins", () => {
    const root = post('p1');
    const answer = post('p2', {
      parentExternalId: 'p1',
      author: brand,
      fromBrand: true,
      postedAt: now,
    });
    const planned = plan([root, answer]);
    expect(planned.conversations[0]!.conversation).toMatchObject({
      status: 'open',
      needsReply: false,
      firstRespondedAt: now,
    });
    expect(planned.fromBrand).toBe(1);
  });

  it('joins a reply to the stored conversation of the post it answers', () => {
    const planned = plan(
      [post('p2', { parentExternalId: 'p1', postedAt: now })],
      lookups({
        storedConversationOf: new Map([['p1', 'c1']]),
        conversations: new Map([['c1', stored('c1')]]),
      }),
    );
    expect(planned.conversations).toHaveLength(0);
    expect(planned.mentions[0]!.conversationId).toBe('c1');
    expect(planned.touched).toEqual([
      {
        conversation: expect.objectContaining({
          id: 'c1',
          status: 'open',
          needsReply: true,
          priority: 2,
        }),
        added: 1,
        sentiment: 'negative',
      },
    ]);
    expect(planned.events.map((event) => event.type)).toEqual(['mention.received']);
    // One notice per new mention: it says the conversation changed, no second one (ADR 0012).
    expect(planned.notices).toEqual([
      { type: 'mention.created', conversationId: 'c1', mentionId: planned.mentions[0]!.id },
    ]);
  });

  it("reopens a resolved conversation on the customer's new message", () => {
    const planned = plan(
      [post('p2', { rootExternalId: 'p1' })],
      lookups({
        conversationOfRoot: new Map([['p1', 'c1']]),
        conversations: new Map([['c1', stored('c1', { status: 'resolved', resolvedAt: earlier })]]),
      }),
    );
    expect(planned.touched[0]!.conversation).toMatchObject({ status: 'open', resolvedAt: null });
    expect(planned.events.map((event) => event.type)).toEqual([
      'mention.received',
      'conversation.status_changed',
      'conversation.reopened',
    ]);
  });

  it('finds the conversation of a thread whose reply arrived before its root', () => {
    const planned = plan(
      [post('p1')],
      lookups({
        conversationOfRoot: new Map([['p1', 'c1']]),
        conversations: new Map([['c1', stored('c1')]]),
      }),
    );
    expect(planned.conversations).toHaveLength(0);
    expect(planned.mentions[0]!.conversationId).toBe('c1');
  });

  it("keeps a blocked contact's post hidden in a resolved conversation nobody is given", () => {
    const troll = { externalId: 'did:troll', handle: 'troll' };
    const planned = plan([post('p1', { author: troll })]);
    expect(planned.conversations[0]!.conversation.status).toBe('resolved');
    expect(planned.conversations[0]!.hiddenAt).toEqual(now);
    expect(planned.mentions[0]).toMatchObject({ hiddenAt: now, hiddenReason: 'abuse' });
    expect(planned.blocked).toBe(1);
  });

  it('shows a conversation a blocked contact started once another customer writes in it', () => {
    const troll = { externalId: 'did:troll', handle: 'troll' };
    const planned = plan([post('p1', { author: troll }), post('p2', { parentExternalId: 'p1' })]);
    expect(planned.conversations[0]!.hiddenAt).toBeNull();
    expect(planned.conversations[0]!.conversation.status).toBe('open');
  });

  const survey = { id: 's1', conversationId: 'c1', contactId: 'contact-ann' };
  /** The customer's answer in a resolved conversation whose survey waits. */
  const answerSurvey = (text: string) =>
    plan(
      [post('p2', { rootExternalId: 'p1', text })],
      lookups({
        conversationOfRoot: new Map([['p1', 'c1']]),
        conversations: new Map([['c1', stored('c1', { status: 'resolved' })]]),
        awaitingSurveys: new Map([['c1', survey]]),
      }),
    );

  it('answers a waiting survey with a rating and leaves the solved case resolved', () => {
    const planned = answerSurvey('5');
    expect(planned.csatAnswers).toEqual([
      { survey, mentionId: planned.mentions[0]!.id, score: 5, onlyRating: true },
    ]);
    expect(planned.touched[0]!.conversation.status).toBe('resolved');
    expect(planned.events).toEqual([]);
  });

  it('reopens a resolved conversation when the answer to its survey says more than a rating', () => {
    const planned = answerSurvey('2, the refund never came');
    expect(planned.csatAnswers[0]).toMatchObject({ score: 2, onlyRating: false });
    expect(planned.touched[0]!.conversation.status).toBe('open');
  });

  it('keeps the highest priority triage gave a new conversation, and marks spam', () => {
    const planned = plan([post('p1')], lookups(), { priority: 4, details: { spam: true } });
    expect(planned.conversations[0]).toMatchObject({ isSpam: true });
    expect(planned.conversations[0]!.conversation.priority).toBe(4);
  });
});

describe('intake batch', () => {
  it('takes a post delivered twice in one batch once, and counts the copy as a duplicate', () => {
    const batch = [post('p1'), post('p1')];
    const unique = uniqueMentions(batch);
    expect(freshMentions(batch, unique, new Map())).toMatchObject({ duplicates: 1 });
    expect(freshMentions(batch, unique, new Map()).fresh).toHaveLength(1);
  });

  it('leaves out the posts stored already, and sorts the rest oldest first', () => {
    const batch = [post('p3', { postedAt: now }), post('p1'), post('p2', { postedAt: earlier })];
    const unique = uniqueMentions(batch);
    const { fresh, duplicates } = freshMentions(batch, unique, new Map([['p1', 'c1']]));
    expect(fresh.map((mention) => mention.externalId)).toEqual(['p2', 'p3']);
    expect(duplicates).toBe(1);
  });

  it('looks up the posts a batch answers along with its own', () => {
    const unique = uniqueMentions([post('p3', { parentExternalId: 'p2', rootExternalId: 'p1' })]);
    expect(threadLookupIds(unique).sort()).toEqual(['p1', 'p2', 'p3']);
  });
});
