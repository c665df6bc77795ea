import type { Actor, DomainEvent } from './events.ts';
import type { Network } from './network.ts';

/**
 * Honest moderation: customer content may be hidden only as spam or abuse, never for being
 * critical, and never deleted. Every step names who did it and why.
 */
export const moderationReasons = ['spam', 'abuse'] as const;
export type ModerationReason = (typeof moderationReasons)[number];

export type ModerationAction = 'hide' | 'unhide' | 'block' | 'unblock';

/**
 * What happened on the network itself. No channel can hide a post on its network yet, so a hide
 * is recorded as Earshot-only ('not_supported'); blocking is always Earshot's own
 * ('not_applicable'), since it stops intake rather than changing anything on the network.
 */
export type OnNetwork = 'done' | 'not_supported' | 'not_applicable';

/** Networks whose channel can hide a post there; none can yet (see OnNetwork). */
export const networksThatHide: ReadonlySet<Network> = new Set();

export function onNetworkFor(action: ModerationAction, network: string): OnNetwork {
  if (action === 'block' || action === 'unblock') return 'not_applicable';
  return networksThatHide.has(network as Network) ? 'done' : 'not_supported';
}

export interface ModerationStep {
  action: ModerationAction;
  mentionId: string | null;
  contactId: string | null;
  conversationId: string | null;
  reason: ModerationReason | null;
  note: string | null;
  onNetwork: OnNetwork;
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
    },
    occurredAt: now,
  };
}
