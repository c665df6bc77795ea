import { useDeferredValue, useMemo } from 'react';
import { approvalReasons, replyToneFlags, type ApprovalReason } from '../../domain/approval.ts';
import type { ReplyVisibility } from '../../domain/network.ts';
import { useReplySettings } from './reply-client.ts';

type Draft = {
  workspaceId: string;
  userId: string;
  text: string;
  network: string;
  visibility: ReplyVisibility | 'note';
  answersComplaint: boolean;
};

/**
 * Why the draft, sent now, would wait for a lead: the same rules the API applies
 * (domain/approval.ts), on the workspace's settings. Empty when it would go straight out.
 */
export function useApprovalForecast(draft: Draft): ApprovalReason[] {
  const { userId, network, visibility, answersComplaint } = draft;
  const settings = useReplySettings(draft.workspaceId).data;
  // Deferred so typing stays instant; the rules run on the latest settled text.
  const text = useDeferredValue(draft.text);
  return useMemo(() => {
    if (!settings || visibility === 'note' || !text.trim()) return [];
    const flags = settings.approveToneFlagged
      ? replyToneFlags({ text, network, visibility, answersComplaint })
      : [];
    return approvalReasons(settings, userId, flags);
  }, [settings, text, network, visibility, answersComplaint, userId]);
}

const why: Record<ApprovalReason, string> = {
  agent: 'your replies are reviewed by an admin or owner',
  tone: 'the tone check flagged it',
};

/** Said before sending: the reply will not go out until a lead approves it. */
export function ApprovalNotice({ reasons, id }: { reasons: ApprovalReason[]; id: string }) {
  return (
    <p id={id} className="composer__approval" role="status">
      {reasons.length > 0
        ? `This reply will wait for approval: ${reasons.map((r) => why[r]).join(', and ')}.`
        : ''}
    </p>
  );
}
