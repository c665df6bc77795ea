import type { Actor, DomainEvent } from './events.ts';

/**
 * Honest moderation: customer content may be hidden only as spam or abuse, never for being
 * critical, and never deleted. Every step names who did it and why.
 */
export const moderationReasons = ['spam', 'abuse'] as const;
export type ModerationReason = (typeof moderationReasons)[number];

type ModerationAction = 'hide' | 'unhide' | 'block' | 'unblock';

/**
 * What happened on the network itself. A hide reaches the network when the mention came through
 * a connected, active account whose channel can hide ('hidden' / 'unhidden', or 'failed' with the
 * network's reason: the change still holds in Earshot); otherwise it is Earshot-only
 * ('not_supported'). Blocking is always Earshot's own ('not_applicable'): it stops intake rather
 * than changing anything on the network.
 */
type OnNetwork = 'hidden' | 'unhidden' | 'failed' | 'not_supported' | 'not_applicable';

export interface ModerationStep {
  action: ModerationAction;
  mentionId: string | null;
  contactId: string | null;
  conversationId: string | null;
  reason: ModerationReason | null;
  note: string | null;
  onNetwork: OnNetwork;
  /** The network's reason when onNetwork is 'failed'. */
  onNetworkError: string | null;
}

const eventOf = {
  hide: 'mention.hidden',
  unhide: 'mention.unhidden',
  block: 'contact.blocked',
  unblock: 'contact.unblocked',
} as const;

/** The event that records one moderation step, with its actor and reason. */
export function moderationEvent(step: ModerationStep, actor: Actor, now: Date): DomainEvent {
  return {
    type: eventOf[step.action],
    actor,
    conversationId: step.conversationId,
    data: {
      mentionId: step.mentionId,
      contactId: step.contactId,
      reason: step.reason,
      note: step.note,
      onNetwork: step.onNetwork,
      onNetworkError: step.onNetworkError,
    },
    occurredAt: now,
  };
}
