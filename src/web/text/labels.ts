import type { ConversationStatus, InboxView } from '../api/types.ts';

const networkNames: Record<string, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  reddit: 'Reddit',
  google_reviews: 'Google reviews',
  reviews: 'Reviews',
  webhook: 'Webhook',
  import: 'Import',
  replay: 'Replay',
};

/** A network's display name; an unknown network shows as sent (it is still just text). */
export function networkName(network: string): string {
  return Object.hasOwn(networkNames, network) ? (networkNames[network] ?? network) : network;
}

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
  all: 'All',
  mine: 'Mine',
  unassigned: 'Unassigned',
  needs_reply: 'Needs reply',
};

export function priorityLabel(priority: string): string {
  return priority ? priority.charAt(0).toUpperCase() + priority.slice(1) : 'None';
}
