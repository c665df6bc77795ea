import { decideApproval } from '../../domain/approval.ts';
import type { ApprovalDecision } from '../../domain/approval.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { findReplyForDecision, recordApprovalDecision } from '../../store/approvals.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { listConversationReplies } from '../../store/replies.repository.ts';
import type { ReplyRow } from '../../store/schema.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';
import { noticeReplyChanged } from './reply-notice.ts';

/**
 * Approves a reply that waits for a lead (it is queued for sending) or rejects it with a reason
 * (it is kept, never sent). Deciding the same way again changes nothing.
 */
export async function decideReplyApproval(
  context: UseCaseContext,
  replyId: string,
  decision: ApprovalDecision,
): Promise<ReplyRow> {
  const { workspaceId: ws, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const found = await findReplyForDecision(tx, ws, replyId);
    if (!found) throw new AppError('reply_not_found', 'no such reply');
    const outcome = decideApproval(found.status, found.decision, decision);
    if (!outcome.ok) throw new AppError('invalid_transition', outcome.message);
    if (outcome.changed) {
      const reason = decision.decision === 'reject' ? decision.reason : null;
      await recordApprovalDecision(tx, replyId, {
        status: outcome.status,
        by: context.userId,
        reason,
        now,
      });
      const event = (type: DomainEvent['type'], data: DomainEvent['data']): DomainEvent => ({
        type,
        actor: userActor(context),
        conversationId: found.conversation_id,
        data,
        occurredAt: now,
      });
      const approved = outcome.status === 'queued';
      await appendEvents(tx, ws, [
        event(approved ? 'reply.approved' : 'reply.rejected', { replyId, reason }),
        ...(approved ? [event('reply.queued', { replyId })] : []),
      ]);
      await noticeReplyChanged(tx, ws, { id: replyId, conversationId: found.conversation_id });
    }
    const replies = await listConversationReplies(tx, ws, found.conversation_id);
    return replies.find((r) => r.id === replyId)!;
  });
}
