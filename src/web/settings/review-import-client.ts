import { useQuery } from '@tanstack/react-query';
import type {
  ReviewImportPreview,
  ReviewImportResult,
  ReviewMapping,
  ReviewTemplate,
} from '../../api/contract.ts';
import { request, ws } from '../api/client.ts';

/** A file read in the browser, with how to read it: sent as JSON (`…/reviews/import`). */
export type ReviewUpload = {
  fileName: string;
  text: string;
  template?: string;
  mapping?: ReviewMapping;
  brandId?: string;
};

export function useReviewTemplates(workspaceId: string) {
  return useQuery({
    queryKey: ['review-templates', workspaceId],
    queryFn: () =>
      request<{ items: ReviewTemplate[] }>('GET', `${ws(workspaceId)}/reviews/import/templates`),
    staleTime: Infinity,
  });
}

export function previewReviewFile(
  workspaceId: string,
  upload: ReviewUpload,
): Promise<ReviewImportPreview> {
  return request('POST', `${ws(workspaceId)}/reviews/import/preview`, upload);
}

export function importReviewFile(
  workspaceId: string,
  upload: ReviewUpload,
): Promise<ReviewImportResult> {
  return request('POST', `${ws(workspaceId)}/reviews/import`, upload);
}
