import {
  chooseMessageTarget,
  defaultWinnerTemplate,
  draftWinnerMessage,
  unknownWinnerVariables,
} from '../../domain/campaign-messages.ts';
import type { CampaignMessageKind, MessageSkipReason } from '../../domain/campaign-messages.ts';
import {
  findHeardBrandPosts,
  findMessagePosts,
  listCampaignMessages,
} from '../../store/campaign-messages.repository.ts';
import type {
  CampaignMessageRow,
  MessagePostRow,
} from '../../store/campaign-messages.repository.ts';
import { listDraws } from '../../store/campaigns.repository.ts';
import type { Store } from '../../store/connect.ts';
import { AppError } from '../app-error.ts';
import { campaignStanding } from './campaign-standing.ts';

/** One message a draw's result could send, and what sending it would do. */
export interface MessageRecipient {
  kind: CampaignMessageKind;
  network: string;
  /** The brand post's id (announcement) or the winner's id on the network. */
  recipient: string;
  /** The winner's handle; null for the brand's post. */
  handle: string | null;
  /** The post the message answers; null when none was heard. */
  post: MessagePostRow | null;
  /** Why it cannot be sent; null when it can. */
  cannotSend: MessageSkipReason | null;
  /** The winner's message drafted from the template; empty for an announcement. */
  draft: string;
  /** What was recorded for this recipient and draw, if anything. */
  message: CampaignMessageRow | null;
}

export interface MessageReview {
  campaign: { id: string; name: string };
  drawId: string;
  template: string;
  announcements: MessageRecipient[];
  winners: MessageRecipient[];
  /** Every message recorded for the campaign, of any draw, oldest first. */
  history: CampaignMessageRow[];
}

/**
 * What announcing a draw's result and messaging its winners would do: the campaign's posts the
 * announcement answers (as heard), each winner's newest counted share still on the network with
 * the message drafted from `template`, and who cannot be reached (post deleted or never heard,
 * a network Earshot cannot answer on, a winner already messaged for an earlier draw).
 */
export async function loadMessageReview(
  store: Store,
  workspaceId: string,
  ids: { campaignId: string; drawId: string },
  template: string,
): Promise<MessageReview> {
  const standing = await campaignStanding(store, workspaceId, ids.campaignId);
  const draws = await listDraws(store.db, workspaceId, ids.campaignId);
  const draw = draws.find((row) => row.id === ids.drawId);
  if (!draw) throw new AppError('campaign_draw_not_found', 'no such draw of this campaign');
  const { campaign, shares } = standing;
  const winnerShares = shares.filter((share) => draw.winnerIds.includes(share.authorExternalId));
  const [history, sharePosts, brandPosts] = await Promise.all([
    listCampaignMessages(store.db, workspaceId, ids.campaignId),
    findMessagePosts(
      store.db,
      workspaceId,
      winnerShares.map((share) => share.id),
    ),
    findHeardBrandPosts(store.db, workspaceId, campaign.posts),
  ]);
  const recorded = (kind: CampaignMessageKind, network: string, recipient: string) =>
    history.find(
      (m) =>
        m.drawId === draw.id &&
        m.kind === kind &&
        m.network === network &&
        m.recipient === recipient,
    ) ?? null;
  const announcements = campaign.posts.map((own): MessageRecipient => {
    const heard = brandPosts.filter(
      (post) => post.network === own.network && post.externalId === own.externalId,
    );
    const { post, skip } = chooseMessageTarget(heard);
    return {
      kind: 'announcement',
      network: own.network,
      recipient: own.externalId,
      handle: null,
      post,
      cannotSend: skip,
      draft: '',
      message: recorded('announcement', own.network, own.externalId),
    };
  });
  const winners = draw.winnerIds.map((winnerId): MessageRecipient => {
    const counted = winnerShares.filter((share) => share.authorExternalId === winnerId);
    const theirs = sharePosts.filter((post) => counted.some((share) => share.id === post.id));
    const { post, skip } = chooseMessageTarget(theirs);
    // A winner whose every share was erased since the draw has no post left to answer.
    const network = post?.network ?? counted[0]?.network ?? campaign.posts[0]?.network ?? '';
    const handle = counted[0]?.authorHandle ?? winnerId;
    const earlier = history.some(
      (m) =>
        m.kind === 'winner' &&
        m.outcome === 'sent' &&
        m.drawId !== draw.id &&
        m.network === network &&
        m.recipient === winnerId,
    );
    return {
      kind: 'winner',
      network,
      recipient: winnerId,
      handle,
      post,
      cannotSend: skip ?? (earlier ? 'already_messaged' : null),
      draft: draftWinnerMessage(template, { handle, campaignName: campaign.name }),
      message: recorded('winner', network, winnerId),
    };
  });
  return {
    campaign: { id: campaign.id, name: campaign.name },
    drawId: draw.id,
    template,
    announcements,
    winners,
    history,
  };
}

/** The template a member wrote for winners' messages, or the default; one Earshot cannot fill is refused. */
export function winnerTemplate(template: string | undefined): string {
  if (template === undefined || template.trim() === '') return defaultWinnerTemplate;
  const unknown = unknownWinnerVariables(template);
  if (unknown.length > 0) {
    throw new AppError('unknown_variable', `unknown variable: ${unknown.join(', ')}`, {
      field: 'template',
      unknown,
    });
  }
  return template;
}
