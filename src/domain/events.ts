/**
 * The closed list of things that happen, as dotted names. The event log stores them append-only;
 * reports, realtime fan-out and webhooks all read from it.
 */
export const eventTypes = [
  'conversation.created',
  'conversation.status_changed',
  'conversation.assigned',
  'conversation.team_changed',
  'conversation.transferred',
  'conversation.priority_changed',
  'conversation.tagged',
  'conversation.untagged',
  'conversation.reopened',
  'conversation.routed',
  'mention.received',
  'note.added',
  'reply.queued',
  'reply.sent',
  'reply.failed',
  // SLAs and follow-ups (issue 5).
  'sla.warning',
  'sla.breached',
  'conversation.follow_up_set',
  'conversation.follow_up_due',
  // Moderation, ideas, praise, approvals and CSAT (issue 5): each names who did it and why.
  'mention.hidden',
  'mention.unhidden',
  'contact.blocked',
  'contact.unblocked',
  'canned_response.saved',
  'idea.created',
  'idea.linked',
  'idea.voted',
  'idea.unvoted',
  'idea.status_changed',
  'idea.merged',
  // Customers told what became of their idea, or recorded as not told (issue 19).
  'idea.customers_told',
  'praise.starred',
  'reply.awaiting_approval',
  'reply.approved',
  'reply.rejected',
  // A failed reply queued again by an agent (issue 6).
  'reply.retried',
  'reply_settings.changed',
  'csat.survey_queued',
  'csat.received',
  // An agent corrected triage's sentiment or intent of a mention (issue 4).
  'mention.triage_corrected',
  // A spike, viral post or SLA breach alert was raised (issue 7).
  'alert.raised',
  // A note named a teammate; an agent said two contacts are one person, or undid it (issue 6).
  'note.mentioned',
  'contact.linked',
  'contact.unlinked',
  // The workspace's managed tag list changed (issue 6); a rename names how many it renamed.
  'tag.saved',
  'tag.renamed',
  'tag.removed',
  // The customer deleted or edited a post we hold, on the network (issue 14); our copy stays.
  'mention.deleted',
  'mention.edited',
  // The customer was answered outside Earshot (an imported conversation; issue 14).
  'conversation.answered_elsewhere',
  // A share contest's result announced, or its winners messaged (issue 19).
  'campaign.messages_sent',
] as const;

export type EventType = (typeof eventTypes)[number];

/** Who caused an event: a person, Earshot itself, or the customer writing in. */
export type Actor =
  { type: 'user'; id: string } | { type: 'system' } | { type: 'customer'; id: string };

export interface DomainEvent {
  type: EventType;
  actor: Actor;
  conversationId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export const systemActor: Actor = { type: 'system' };
