import type { Kysely } from 'kysely';
import { approvalReasons, replyToneFlags } from '../../domain/approval.ts';
import type { ApprovalReason } from '../../domain/approval.ts';
import type { ReplyVisibility } from '../../domain/network.ts';
import type { ToneFlag } from '../../domain/tone-check.ts';
import { findReplySettings, insertReplyApproval } from '../../store/approvals.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import type { Database } from '../../store/schema.ts';

/** Why a new reply waits for a lead (no reasons: it does not), with the tone check's flags. */
interface ApprovalGate {
  reasons: ApprovalReason[];
  toneFlags: ToneFlag[];
}

/**
 * Whether a new reply must wait for a lead, under the workspace's settings; the conversation's
 * negative sentiment counts as answering a complaint for the tone check (as in the composer).
 */
export async function approvalGate(
  db: Kysely<Database>,
  workspaceId: string,
  reply: {
    authorId: string;
    text: string;
    network: string;
    visibility: ReplyVisibility;
    answersComplaint: boolean;
  },
): Promise<ApprovalGate> {
  const settings = await findReplySettings(db, workspaceId);
  if (settings.approvalUserIds.length === 0 && !settings.approveToneFlagged)
    return { reasons: [], toneFlags: [] };
  const toneFlags = replyToneFlags(reply);
  return { reasons: approvalReasons(settings, reply.authorId, toneFlags), toneFlags };
}

/** Records that a stored reply waits for approval, with why. */
export async function holdForApproval(
  db: Kysely<Database>,
  workspaceId: string,
  reply: { id: string; conversationId: string; authorId: string },
  gate: ApprovalGate,
  now: Date,
): Promise<void> {
  await insertReplyApproval(db, { replyId: reply.id, workspaceId, ...gate, now });
  await appendEvents(db, workspaceId, [
    {
      type: 'reply.awaiting_approval',
      actor: { type: 'user', id: reply.authorId },
      conversationId: reply.conversationId,
      data: {
        replyId: reply.id,
        reasons: gate.reasons,
        toneFlags: gate.toneFlags.map((f) => f.code),
      },
      occurredAt: now,
    },
  ]);
}
