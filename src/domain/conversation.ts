import type { Actor, DomainEvent, EventType } from './events.ts';

export const conversationStatuses = ['new', 'open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

/** A thread with one customer about one brand, as the rules see it. */
export interface Conversation {
  id: string;
  workspaceId: string;
  status: ConversationStatus;
  priority: number;
  teamId: string | null;
  assigneeId: string | null;
  tags: string[];
  /** Whether the last word is the customer's and nobody has answered it yet. */
  needsReply: boolean;
  firstRespondedAt: Date | null;
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
  lastMessageAt: Date;
  updatedAt: Date;
}

/** A rule's result: the new state and what happened, or why nothing could happen. */
export type Transition =
  | { ok: true; conversation: Conversation; events: DomainEvent[] }
  | { ok: false; code: TransitionErrorCode; message: string };

type TransitionErrorCode = 'invalid_transition' | 'snooze_in_past' | 'invalid_priority';

function changed(
  before: Conversation,
  patch: Partial<Conversation>,
  actor: Actor,
  now: Date,
  events: Array<{ type: EventType; data: Record<string, unknown> }>,
): Transition {
  return {
    ok: true,
    conversation: { ...before, ...patch, updatedAt: now },
    events: events.map((event) => ({
      ...event,
      actor,
      conversationId: before.id,
      occurredAt: now,
    })),
  };
}

const unchanged = (conversation: Conversation): Transition => ({
  ok: true,
  conversation,
  events: [],
});

/** Moves a conversation to `open`, `pending` or `resolved`. Snoozing has its own rule. */
export function setStatus(
  conversation: Conversation,
  status: Exclude<ConversationStatus, 'snoozed' | 'new'>,
  actor: Actor,
  now: Date,
): Transition {
  if (conversation.status === status) return unchanged(conversation);
  const patch: Partial<Conversation> = {
    status,
    snoozedUntil: null,
    resolvedAt: status === 'resolved' ? now : null,
  };
  const events: Array<{ type: EventType; data: Record<string, unknown> }> = [
    { type: 'conversation.status_changed', data: { from: conversation.status, to: status } },
  ];
  if (conversation.status === 'resolved') {
    events.push({ type: 'conversation.reopened', data: { by: actor.type } });
  }
  return changed(conversation, patch, actor, now, events);
}

/** Hides a conversation until `until`; it comes back as open then (or sooner, if the customer writes). */
export function snooze(
  conversation: Conversation,
  until: Date,
  actor: Actor,
  now: Date,
): Transition {
  if (until.getTime() <= now.getTime()) {
    return {
      ok: false,
      code: 'snooze_in_past',
      message: 'a conversation can only be snoozed until a later time',
    };
  }
  if (conversation.status === 'resolved') {
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'a resolved conversation cannot be snoozed; reopen it first',
    };
  }
  return changed(conversation, { status: 'snoozed', snoozedUntil: until }, actor, now, [
    {
      type: 'conversation.status_changed',
      data: { from: conversation.status, to: 'snoozed', until: until.toISOString() },
    },
  ]);
}

/** Gives the conversation to an agent (or to nobody). */
export function assign(
  conversation: Conversation,
  assigneeId: string | null,
  actor: Actor,
  now: Date,
): Transition {
  if (conversation.assigneeId === assigneeId) return unchanged(conversation);
  const status = conversation.status === 'new' && assigneeId ? 'open' : conversation.status;
  return changed(conversation, { assigneeId, status }, actor, now, [
    { type: 'conversation.assigned', data: { from: conversation.assigneeId, to: assigneeId } },
  ]);
}

/**
 * Moves the conversation to a team. The first team is routing; any later change is a transfer —
 * the thing customers hate most — and is recorded as one so reports can count it.
 */
export function changeTeam(
  conversation: Conversation,
  teamId: string | null,
  actor: Actor,
  now: Date,
): Transition {
  if (conversation.teamId === teamId) return unchanged(conversation);
  const isTransfer = conversation.teamId !== null;
  const events: Array<{ type: EventType; data: Record<string, unknown> }> = [
    { type: 'conversation.team_changed', data: { from: conversation.teamId, to: teamId } },
  ];
  if (isTransfer) {
    events.push({
      type: 'conversation.transferred',
      data: { from: conversation.teamId, to: teamId },
    });
  }
  // A transfer drops the assignee: the new team decides who answers.
  const patch: Partial<Conversation> = isTransfer ? { teamId, assigneeId: null } : { teamId };
  return changed(conversation, patch, actor, now, events);
}

export function setPriority(
  conversation: Conversation,
  priority: number,
  actor: Actor,
  now: Date,
): Transition {
  if (!Number.isInteger(priority) || priority < 0 || priority > 100) {
    return {
      ok: false,
      code: 'invalid_priority',
      message: 'priority is a whole number from 0 to 100',
    };
  }
  if (conversation.priority === priority) return unchanged(conversation);
  return changed(conversation, { priority }, actor, now, [
    { type: 'conversation.priority_changed', data: { from: conversation.priority, to: priority } },
  ]);
}

export function tag(conversation: Conversation, name: string, actor: Actor, now: Date): Transition {
  if (conversation.tags.includes(name)) return unchanged(conversation);
  return changed(conversation, { tags: [...conversation.tags, name].sort() }, actor, now, [
    { type: 'conversation.tagged', data: { tag: name } },
  ]);
}

export function untag(
  conversation: Conversation,
  name: string,
  actor: Actor,
  now: Date,
): Transition {
  if (!conversation.tags.includes(name)) return unchanged(conversation);
  return changed(conversation, { tags: conversation.tags.filter((t) => t !== name) }, actor, now, [
    { type: 'conversation.untagged', data: { tag: name } },
  ]);
}

/**
 * The customer wrote again. A resolved, pending or snoozed conversation comes back: the customer
 * is waiting, whatever state we left it in.
 */
export function receiveCustomerMessage(
  conversation: Conversation,
  mention: { id: string; postedAt: Date },
  actor: Actor,
  now: Date,
): Transition {
  const wasWaiting = conversation.status === 'new' || conversation.status === 'open';
  const status = conversation.status === 'new' ? 'new' : 'open';
  const events: Array<{ type: EventType; data: Record<string, unknown> }> = [
    { type: 'mention.received', data: { mentionId: mention.id } },
  ];
  if (!wasWaiting) {
    events.push({
      type: 'conversation.status_changed',
      data: { from: conversation.status, to: status },
    });
  }
  if (conversation.status === 'resolved') {
    events.push({ type: 'conversation.reopened', data: { by: 'customer' } });
  }
  const lastMessageAt =
    mention.postedAt > conversation.lastMessageAt ? mention.postedAt : conversation.lastMessageAt;
  return changed(
    conversation,
    { status, needsReply: true, snoozedUntil: null, resolvedAt: null, lastMessageAt },
    actor,
    now,
    events,
  );
}

/** A reply reached the network: the customer has an answer, and the first one is remembered. */
export function recordReplySent(
  conversation: Conversation,
  reply: { id: string; sentAt: Date },
  actor: Actor,
  now: Date,
): Transition {
  const status = conversation.status === 'new' ? 'open' : conversation.status;
  return changed(
    conversation,
    {
      status,
      needsReply: false,
      firstRespondedAt: conversation.firstRespondedAt ?? reply.sentAt,
      lastMessageAt:
        reply.sentAt > conversation.lastMessageAt ? reply.sentAt : conversation.lastMessageAt,
    },
    actor,
    now,
    [
      {
        type: 'reply.sent',
        data: { replyId: reply.id, firstResponse: conversation.firstRespondedAt === null },
      },
    ],
  );
}
