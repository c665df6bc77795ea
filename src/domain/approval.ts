import { replyLengthLimit, type Network, type ReplyVisibility } from './network.ts';
import { checkTone, countGraphemes, type ToneFlag } from './tone-check.ts';

/**
 * Optional four-eyes on replies: a workspace may name agents whose replies a lead approves
 * first, and/or send every reply the tone check flags for approval. Such a reply waits
 * ('awaiting_approval'); the outbox never sends it until it is approved.
 */
interface ApprovalPolicy {
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

type DecisionOutcome =
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

/**
 * The tone check's flags on a reply as it will go out. A private message is held to the
 * network's private limit, not the public one (moving long details to a DM is the advice).
 */
export function replyToneFlags(reply: {
  text: string;
  network: string;
  visibility: ReplyVisibility;
  answersComplaint: boolean;
}): ToneFlag[] {
  const flags = checkTone({
    text: reply.text,
    network: reply.network as Network,
    answersComplaint: reply.answersComplaint,
  });
  if (reply.visibility === 'public') return flags;
  const kept = flags.filter((flag) => flag.code !== 'too_long');
  const limit = replyLengthLimit(reply.network, 'private');
  const length = countGraphemes(reply.text);
  if (limit !== null && length > limit) {
    kept.push({
      code: 'too_long',
      message: `${length} characters; a private message on ${reply.network} allows ${limit}.`,
      suggestion: 'Shorten it.',
    });
  }
  return kept;
}
