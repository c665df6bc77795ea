import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, ws } from '../api/client.ts';
import type { QualityReview, QualitySettings, ReviewQueue, Scorecard } from '../../api/contract.ts';

const base = (workspaceId: string) => `${ws(workspaceId)}/quality`;
const qualityKey = (workspaceId: string) => ['quality', workspaceId] as const;

/** The link that downloads reviews as CSV (an agent's own only, whatever the link says). */
export const reviewsCsvHref = (workspaceId: string) =>
  `/api/v1${base(workspaceId)}/reviews?format=csv&limit=1000`;

export const useQualitySettings = (workspaceId: string) =>
  useQuery({
    queryKey: [...qualityKey(workspaceId), 'settings'],
    queryFn: () => request<QualitySettings>('GET', `${base(workspaceId)}/settings`),
  });

export const useScorecards = (workspaceId: string) =>
  useQuery({
    queryKey: [...qualityKey(workspaceId), 'scorecards'],
    queryFn: () => request<{ items: Scorecard[] }>('GET', `${base(workspaceId)}/scorecards`),
  });

export const useReviewQueue = (workspaceId: string, week: string | undefined) =>
  useQuery({
    queryKey: [...qualityKey(workspaceId), 'queue', week ?? 'this week'],
    queryFn: () =>
      request<ReviewQueue>(
        'GET',
        `${base(workspaceId)}/queue${week ? `?week=${encodeURIComponent(week)}` : ''}`,
      ),
  });

export const useReviews = (workspaceId: string) =>
  useQuery({
    queryKey: [...qualityKey(workspaceId), 'reviews'],
    queryFn: () => request<{ items: QualityReview[] }>('GET', `${base(workspaceId)}/reviews`),
  });

export type ScorecardInput = { name: string; criteria: Array<{ name: string; weight: number }> };
export type ReviewInput = {
  replyId: string;
  scorecardId: string;
  scores: Array<{ criterionId: string; score: number }>;
  note: string;
};

/** Every change of the quality pages; each refreshes all of them (queue, reviews, cards). */
export function useQualityChanges(workspaceId: string) {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: qualityKey(workspaceId) });
  return {
    saveSettings: useMutation({
      mutationFn: (settings: QualitySettings) =>
        request<QualitySettings>('PUT', `${base(workspaceId)}/settings`, settings),
      onSuccess,
    }),
    createScorecard: useMutation({
      mutationFn: (input: ScorecardInput) =>
        request<Scorecard>('POST', `${base(workspaceId)}/scorecards`, input),
      onSuccess,
    }),
    archiveScorecard: useMutation({
      mutationFn: (id: string) =>
        request<Scorecard>('DELETE', `${base(workspaceId)}/scorecards/${encodeURIComponent(id)}`),
      onSuccess,
    }),
    submitReview: useMutation({
      mutationFn: (input: ReviewInput) =>
        request<QualityReview>('POST', `${base(workspaceId)}/reviews`, input),
      onSuccess,
    }),
  };
}
