import type { IdeaNoticeReview } from '../../api/contract.ts';

type Notice = IdeaNoticeReview['history'][number];

/** Why a customer was not told, in words. */
export const cannotTellLabels: Record<NonNullable<Notice['reason']>, string> = {
  post_deleted: 'they deleted their post',
  network_without_replies: 'the network takes no reply from Earshot here',
  customer_erased: 'their data was erased at their request',
};

/** How far the reply that told a customer has gone. */
export function replyProgress(notice: Notice): string {
  if (notice.outcome === 'not_told') return 'Not told';
  switch (notice.replyStatus) {
    case 'sent':
      return 'Sent';
    case 'awaiting_approval':
      return 'Waiting for approval';
    case 'rejected':
      return 'Rejected by a lead';
    case 'failed':
      return 'Failed to send';
    case null:
      return 'Reply removed';
    default:
      return 'Queued to send';
  }
}
