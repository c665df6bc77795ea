import type { ToneFlag } from './tone-check.ts';

/**
 * Optional four-eyes on replies: a workspace may name agents whose replies a lead approves
 * first, and/or send every reply the tone check flags for approval. Such a reply waits
 * ('awaiting_approval'); the outbox never sends it until it is approved.
 */
export interface ApprovalPolicy {
  approvalUserIds: readonly string[];
  approveToneFlagged: boolean;
}

export type ApprovalReason = 'agent' | 'tone';

/** Why this reply needs a lead's approval; empty when it may go straight out. */
export function approvalReasons(
  policy: ApprovalPolicy,
  authorId: string,
  toneFlags: readonly ToneFlag[],
): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (policy.approvalUserIds.includes(authorId)) reasons.push('agent');
  if (policy.approveToneFlagged && toneFlags.length > 0) reasons.push('tone');
  return reasons;
}

export type ApprovalDecision = { decision: 'approve' } | { decision: 'reject'; reason: string };

export type DecisionOutcome =
  | { ok: true; status: 'queued' | 'rejected'; changed: boolean }
  | { ok: false; code: 'invalid_transition' | 'reason_required'; message: string };

/**
 * A lead's decision on a reply in `status`: approving queues it, rejecting keeps it unsent with
 * the reason. Repeating the decision already made changes nothing; reversing it is refused
 * (a queued reply may already be on its way).
 */
export function decideApproval(
  status: string,
  previous: 'approved' | 'rejected' | null,
  decision: ApprovalDecision,
): DecisionOutcome {
  const target = decision.decision === 'approve' ? 'queued' : 'rejected';
  const same = decision.decision === 'approve' ? 'approved' : 'rejected';
  if (previous === same) return { ok: true, status: target, changed: false };
  if (status !== 'awaiting_approval') {
    return {
      ok: false,
      code: 'invalid_transition',
      message: previous
        ? `this reply was already ${previous}`
        : 'this reply is not waiting for approval',
    };
  }
  if (decision.decision === 'reject' && decision.reason.trim() === '') {
    return { ok: false, code: 'reason_required', message: 'say why the reply is rejected' };
  }
  return { ok: true, status: target, changed: true };
}
