import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign,
  CampaignDetail,
  CampaignDraw,
  CampaignMessageReview,
} from '../../api/contract.ts';
import type { ShareKind } from '../../domain/campaign.ts';
import { request, ws } from '../api/client.ts';

const campaignsPath = (workspaceId: string) => `${ws(workspaceId)}/campaigns`;
const campaignPath = (workspaceId: string, id: string) =>
  `${campaignsPath(workspaceId)}/${encodeURIComponent(id)}`;
const drawPath = (workspaceId: string, campaignId: string, drawId: string) =>
  `${campaignPath(workspaceId, campaignId)}/draws/${encodeURIComponent(drawId)}`;
const listKey = (workspaceId: string) => ['campaigns', workspaceId] as const;
const detailKey = (workspaceId: string, id: string) => ['campaigns', workspaceId, id] as const;
const messagesKey = (workspaceId: string, campaignId: string, drawId: string, template: string) =>
  ['campaigns', workspaceId, campaignId, 'messages', drawId, template] as const;

/** What the create form sends (POST …/campaigns). */
export interface NewCampaign {
  name: string;
  brandId: string;
  posts: Array<{ network: string; externalId: string }>;
  startsAt: string;
  endsAt: string;
  requiredHashtag: string | null;
  entryMode: 'per_person' | 'per_share';
  /** What counts as a share: replies in the posts' threads, quotes of them, reposts. */
  shareKinds: ShareKind[];
  /** Accounts younger than this many days at their share do not count; null: any age. */
  minAccountAgeDays: number | null;
  excludedAuthorIds: string[];
  budgetCents: number | null;
}

export const useCampaigns = (workspaceId: string) =>
  useQuery({
    queryKey: listKey(workspaceId),
    queryFn: () => request<{ items: Campaign[] }>('GET', campaignsPath(workspaceId)),
  });

/** A campaign with its counted shares, leaderboard, report and draws; refreshed as shares come. */
export const useCampaign = (workspaceId: string, id: string) =>
  useQuery({
    queryKey: detailKey(workspaceId, id),
    queryFn: () => request<CampaignDetail>('GET', campaignPath(workspaceId, id)),
    refetchInterval: 30_000,
  });

export function useCreateCampaign(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCampaign) =>
      request<CampaignDetail>('POST', campaignsPath(workspaceId), body),
    onSuccess: (created) => {
      queryClient.setQueryData(detailKey(workspaceId, created.id), created);
      return queryClient.invalidateQueries({ queryKey: listKey(workspaceId) });
    },
  });
}

export function useDrawWinners(workspaceId: string, campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      method: 'most_shares' | 'random';
      winners: number;
      seed: string | null;
    }) => request<CampaignDraw>('POST', `${campaignPath(workspaceId, campaignId)}/draws`, body),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: detailKey(workspaceId, campaignId), exact: true }),
  });
}

/** Whom a draw's result reaches, with winners' messages drafted from `template` ('' = default). */
export const useMessageReview = (
  workspaceId: string,
  campaignId: string,
  drawId: string,
  template: string,
) =>
  useQuery({
    queryKey: messagesKey(workspaceId, campaignId, drawId, template),
    queryFn: () => {
      const query = template ? `?${new URLSearchParams({ template }).toString()}` : '';
      return request<CampaignMessageReview>(
        'GET',
        `${drawPath(workspaceId, campaignId, drawId)}/messages${query}`,
      );
    },
    placeholderData: (previous) => previous,
    // Follows the outbox while a message is on its way to the network.
    refetchInterval: (query) =>
      query.state.data?.history.some((m) => m.replyStatus === 'queued') ? 3_000 : false,
  });

type SendBody =
  | { kind: 'announcement'; text: string }
  | {
      kind: 'winners';
      messages: Array<{ recipient: string; text: string }>;
    };

/** Sends the announcement or the winners' messages; the answer is the review as it now stands. */
export function useSendCampaignMessages(workspaceId: string, campaignId: string, drawId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendBody) =>
      body.kind === 'announcement'
        ? request<CampaignMessageReview>(
            'POST',
            `${drawPath(workspaceId, campaignId, drawId)}/announcement`,
            { text: body.text },
          )
        : request<CampaignMessageReview>(
            'POST',
            `${drawPath(workspaceId, campaignId, drawId)}/winner-messages`,
            { messages: body.messages },
          ),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: ['campaigns', workspaceId, campaignId, 'messages', drawId],
      }),
  });
}
