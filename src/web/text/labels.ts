import type { ConversationStatus, InboxView, Sentiment, SocialIntent } from '../../api/contract.ts';

export const statusLabels: Record<ConversationStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
};

export function statusLabel(status: string): string {
  return Object.hasOwn(statusLabels, status) ? statusLabels[status as ConversationStatus] : status;
}

export const viewLabels: Record<InboxView, string> = {
  mine: 'Mine',
  unassigned: 'Unassigned',
  my_teams: 'My teams',
  all: 'All',
  needs_reply: 'Needs reply',
  sla_at_risk: 'SLA at risk',
  praise: 'Praise',
  spam: 'Spam',
};

export const sentimentLabels: Record<Sentiment, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

/** What the author of a post is doing (triage's socialIntent). */
export const socialIntentLabels: Record<SocialIntent, string> = {
  complaint: 'Complaint',
  question: 'Question',
  praise: 'Praise',
  idea: 'Idea',
  other: 'Other',
};

type PriorityBand = 'urgent' | 'high' | 'normal' | 'low';

/** The 0..100 priority in four bands an agent can scan; the number stays visible beside it. */
export function priorityBand(priority: number): PriorityBand {
  if (priority >= 75) return 'urgent';
  if (priority >= 50) return 'high';
  if (priority >= 25) return 'normal';
  return 'low';
}

const bandLabels: Record<PriorityBand, string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

export function priorityLabel(priority: number): string {
  return `${bandLabels[priorityBand(priority)]} ${Math.round(priority)}`;
}
