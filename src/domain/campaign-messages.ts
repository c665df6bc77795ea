import { isImportedNetwork } from './answered-elsewhere.ts';
import { fillPlaceholders, templateVariables } from './canned-response.ts';

/**
 * Telling people a share contest's result (issue 19): an announcement answers the campaign's
 * own posts, and each winner of a draw gets a reply on the share that won them the prize.
 */
export type CampaignMessageKind = 'announcement' | 'winner';

/** Why someone (or a brand post) was not messaged. */
export type MessageSkipReason =
  'post_deleted' | 'post_not_heard' | 'network_without_replies' | 'already_messaged';

/** The variables a winner's message may use, written `{{winner.handle}}`. */
export const winnerMessageVariables = ['winner.handle', 'campaign.name'] as const;

/** What a winner's message says when the admin writes no template of their own. */
export const defaultWinnerTemplate =
  'Congratulations @{{winner.handle}}! You won our "{{campaign.name}}" contest. Please send us a direct message so we can get your prize to you.';

/** The names a template uses that Earshot cannot fill. */
export function unknownWinnerVariables(body: string): string[] {
  return templateVariables(body).filter(
    (name) => !(winnerMessageVariables as readonly string[]).includes(name),
  );
}

/** A winner's message: the template with their handle and the campaign's name. */
export function draftWinnerMessage(
  template: string,
  values: { handle: string; campaignName: string },
): string {
  return fillPlaceholders(template, {
    'winner.handle': values.handle.replace(/^@/, ''),
    'campaign.name': values.campaignName,
  }).trim();
}

/** A post a message could answer, as far as choosing it goes. */
export interface MessageTarget {
  id: string;
  network: string;
  postedAt: Date;
  deletedAt: Date | null;
}

/**
 * The post a message answers among `posts` (a winner's counted shares, or the heard copies of a
 * brand post): the newest still on the network. None heard, all deleted, or a network Earshot
 * cannot answer on (file imports) is a reason not to send instead.
 */
export function chooseMessageTarget<T extends MessageTarget>(
  posts: readonly T[],
): { post: T; skip: null } | { post: T | null; skip: MessageSkipReason } {
  const newestFirst = [...posts].sort((a, b) => b.postedAt.getTime() - a.postedAt.getTime());
  const newest = newestFirst[0];
  if (!newest) return { post: null, skip: 'post_not_heard' };
  if (isImportedNetwork(newest.network)) return { post: newest, skip: 'network_without_replies' };
  const live = newestFirst.find((post) => !post.deletedAt);
  return live ? { post: live, skip: null } : { post: newest, skip: 'post_deleted' };
}
