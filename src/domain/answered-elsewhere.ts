import type { Conversation, Transition } from './conversation.ts';
import type { Actor } from './events.ts';
import { networkCatalogue } from './networks.ts';
import type { Network } from './network.ts';

/**
 * Whether Earshot can answer a conversation of this network itself. Mentions read from a file
 * (`earshot import`: TWCS, JSON lines, reviews) have no account to answer with: the brand answers
 * on the network, then marks the conversation answered elsewhere.
 */
export function isImportedNetwork(network: string): boolean {
  const entry = (networkCatalogue as Record<string, { listens: string } | undefined>)[
    network as Network
  ];
  return entry?.listens === 'file';
}

/** How an answer given outside Earshot is described (optional, shown in the timeline). */
export interface AnswerElsewhere {
  note?: string;
  /** The reply as posted on the site (a review site without a reply API): kept as the answer. */
  reply?: string;
}

/**
 * The customer was answered outside Earshot (on the network itself, by phone …): the
 * conversation no longer waits for a reply, and the first answer is remembered, so the
 * response-time reports count it like a sent reply. Refused when nothing waits for an answer.
 */
export function markAnsweredElsewhere(
  conversation: Conversation,
  answer: AnswerElsewhere,
  actor: Actor,
  now: Date,
): Transition {
  if (!conversation.needsReply)
    return {
      ok: false,
      code: 'invalid_transition',
      message: 'this conversation does not wait for an answer',
    };
  return {
    ok: true,
    conversation: {
      ...conversation,
      status: conversation.status === 'new' ? 'open' : conversation.status,
      needsReply: false,
      firstRespondedAt: conversation.firstRespondedAt ?? now,
      lastMessageAt: now > conversation.lastMessageAt ? now : conversation.lastMessageAt,
      updatedAt: now,
    },
    events: [
      {
        type: 'conversation.answered_elsewhere',
        actor,
        conversationId: conversation.id,
        data: {
          firstResponse: conversation.firstRespondedAt === null,
          ...(answer.note ? { note: answer.note } : {}),
          ...(answer.reply ? { reply: answer.reply } : {}),
        },
        occurredAt: now,
      },
    ],
  };
}
