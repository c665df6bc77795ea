import { describe, expect, it } from 'vitest';
import type { Conversation, Transition } from './conversation.ts';
import {
  assign,
  changeTeam,
  receiveCustomerMessage,
  recordReplySent,
  setPriority,
  setStatus,
  snooze,
  tag,
  untag,
} from './conversation.ts';
import type { Actor } from './events.ts';

const agent: Actor = { type: 'user', id: 'agent-1' };
const t0 = new Date('2026-11-23T10:00:00Z');
const t1 = new Date('2026-11-23T10:05:00Z');

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    workspaceId: 'w1',
    status: 'new',
    priority: 10,
    teamId: null,
    assigneeId: null,
    tags: [],
    needsReply: true,
    firstRespondedAt: null,
    snoozedUntil: null,
    resolvedAt: null,
    lastMessageAt: t0,
    updatedAt: t0,
    ...overrides,
  };
}

function ok(transition: Transition) {
  if (!transition.ok) throw new Error(`expected ok, got ${transition.code}`);
  return transition;
}

describe('conversation rules', () => {
  it('resolves with a timestamp and one status event by the actor', () => {
    const { conversation: after, events } = ok(
      setStatus(conversation({ status: 'open' }), 'resolved', agent, t1),
    );
    expect(after.status).toBe('resolved');
    expect(after.resolvedAt).toEqual(t1);
    expect(after.updatedAt).toEqual(t1);
    expect(events).toEqual([
      {
        type: 'conversation.status_changed',
        actor: agent,
        conversationId: 'c1',
        data: { from: 'open', to: 'resolved' },
        occurredAt: t1,
      },
    ]);
  });

  it('records a reopen when an agent reopens a resolved conversation', () => {
    const { events } = ok(
      setStatus(conversation({ status: 'resolved', resolvedAt: t0 }), 'open', agent, t1),
    );
    expect(events.map((e) => e.type)).toEqual([
      'conversation.status_changed',
      'conversation.reopened',
    ]);
  });

  it('causes no event when nothing changes', () => {
    const before = conversation({ status: 'open' });
    const result = ok(setStatus(before, 'open', agent, t1));
    expect(result.events).toEqual([]);
    expect(result.conversation).toBe(before);
  });

  it('refuses to snooze into the past or a resolved conversation', () => {
    const past = snooze(conversation(), t0, agent, t1);
    expect(past).toMatchObject({ ok: false, code: 'snooze_in_past' });
    const resolved = snooze(
      conversation({ status: 'resolved' }),
      new Date('2026-12-01'),
      agent,
      t1,
    );
    expect(resolved).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('opens a new conversation when someone takes it', () => {
    const { conversation: after, events } = ok(assign(conversation(), 'agent-2', agent, t1));
    expect(after).toMatchObject({ assigneeId: 'agent-2', status: 'open' });
    expect(events[0]?.data).toEqual({ from: null, to: 'agent-2' });
  });

  it('counts a team change after the first as a transfer and drops the assignee', () => {
    const routed = ok(changeTeam(conversation(), 'billing', agent, t1));
    expect(routed.events.map((e) => e.type)).toEqual(['conversation.team_changed']);
    const moved = ok(
      changeTeam(conversation({ teamId: 'billing', assigneeId: 'a' }), 'tech', agent, t1),
    );
    expect(moved.events.map((e) => e.type)).toEqual([
      'conversation.team_changed',
      'conversation.transferred',
    ]);
    expect(moved.conversation.assigneeId).toBeNull();
  });

  it('keeps priority within 0..100', () => {
    expect(setPriority(conversation(), 101, agent, t1)).toMatchObject({ ok: false });
    expect(setPriority(conversation(), 2.5, agent, t1)).toMatchObject({ ok: false });
    expect(ok(setPriority(conversation(), 90, agent, t1)).conversation.priority).toBe(90);
  });

  it('tags once and untags', () => {
    const tagged = ok(tag(conversation(), 'refund', agent, t1));
    expect(ok(tag(tagged.conversation, 'refund', agent, t1)).events).toEqual([]);
    expect(ok(untag(tagged.conversation, 'refund', agent, t1)).conversation.tags).toEqual([]);
  });

  it('reopens a resolved conversation when the customer writes again', () => {
    const customer: Actor = { type: 'customer', id: 'contact-1' };
    const before = conversation({ status: 'resolved', resolvedAt: t0, needsReply: false });
    const { conversation: after, events } = ok(
      receiveCustomerMessage(before, { id: 'm2', postedAt: t1 }, customer, t1),
    );
    expect(after).toMatchObject({
      status: 'open',
      needsReply: true,
      resolvedAt: null,
      lastMessageAt: t1,
    });
    expect(events.map((e) => e.type)).toEqual([
      'mention.received',
      'conversation.status_changed',
      'conversation.reopened',
    ]);
  });

  it('remembers only the first response time', () => {
    const first = ok(recordReplySent(conversation(), { id: 'r1', sentAt: t1 }, agent, t1));
    expect(first.conversation).toMatchObject({
      firstRespondedAt: t1,
      needsReply: false,
      status: 'open',
    });
    const later = new Date('2026-11-23T11:00:00Z');
    const second = ok(
      recordReplySent(first.conversation, { id: 'r2', sentAt: later }, agent, later),
    );
    expect(second.conversation.firstRespondedAt).toEqual(t1);
    expect(second.events[0]?.data).toEqual({ replyId: 'r2', firstResponse: false });
  });
});
