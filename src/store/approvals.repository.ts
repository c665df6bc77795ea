import type { Kysely } from 'kysely';
import type { ApprovalReason } from '../domain/approval.ts';
import type { ToneFlag } from '../domain/tone-check.ts';
import type { Database } from './schema.ts';

export interface ReplySettings {
  approvalUserIds: string[];
  approveToneFlagged: boolean;
  csatEnabled: boolean;
  csatQuestion: string | null;
}

const defaultReplySettings: ReplySettings = {
  approvalUserIds: [],
  approveToneFlagged: false,
  csatEnabled: false,
  csatQuestion: null,
};

/** The workspace's reply settings; the defaults until someone saves them. */
export async function findReplySettings(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<ReplySettings> {
  const row = await db
    .selectFrom('reply_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return { ...defaultReplySettings };
  return {
    approvalUserIds: row.approval_user_ids,
    approveToneFlagged: row.approve_tone_flagged,
    csatEnabled: row.csat_enabled,
    csatQuestion: row.csat_question,
  };
}

/** Saves the settings; CSAT counts from when it was switched on (older resolutions are not surveyed). */
export async function saveReplySettings(
  db: Kysely<Database>,
  workspaceId: string,
  settings: ReplySettings,
  now: Date,
): Promise<void> {
  const values = {
    approval_user_ids: settings.approvalUserIds,
    approve_tone_flagged: settings.approveToneFlagged,
    csat_enabled: settings.csatEnabled,
    csat_question: settings.csatQuestion,
    updated_at: now,
  };
  await db
    .insertInto('reply_settings')
    .values({
      workspace_id: workspaceId,
      ...values,
      csat_enabled_at: settings.csatEnabled ? now : null,
    })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet((eb) => ({
        ...values,
        csat_enabled_at: settings.csatEnabled
          ? eb.fn.coalesce('reply_settings.csat_enabled_at', eb.val(now))
          : null,
      })),
    )
    .execute();
}

export async function insertReplyApproval(
  db: Kysely<Database>,
  approval: {
    replyId: string;
    workspaceId: string;
    reasons: ApprovalReason[];
    toneFlags: ToneFlag[];
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('reply_approvals')
    .values({
      reply_id: approval.replyId,
      workspace_id: approval.workspaceId,
      reasons: approval.reasons,
      tone_flags: JSON.stringify(approval.toneFlags),
      created_at: approval.now,
    })
    .execute();
}

/** A reply and its approval, locked for a decision. */
export async function findReplyForDecision(
  db: Kysely<Database>,
  workspaceId: string,
  replyId: string,
) {
  return db
    .selectFrom('replies as r')
    .leftJoin('reply_approvals as a', 'a.reply_id', 'r.id')
    .select(['r.id', 'r.status', 'r.conversation_id', 'a.decision', 'a.reasons'])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.id', '=', replyId)
    .forUpdate('r')
    .executeTakeFirst();
}

export async function recordApprovalDecision(
  db: Kysely<Database>,
  replyId: string,
  decision: { status: 'queued' | 'rejected'; by: string; reason: string | null; now: Date },
): Promise<void> {
  await db
    .updateTable('reply_approvals')
    .set({
      decision: decision.status === 'queued' ? 'approved' : 'rejected',
      decided_by: decision.by,
      decided_at: decision.now,
      rejection_reason: decision.reason,
    })
    .where('reply_id', '=', replyId)
    .execute();
  await db
    .updateTable('replies')
    .set({
      status: decision.status,
      next_attempt_at: decision.status === 'queued' ? decision.now : null,
      error: decision.status === 'rejected' ? `rejected: ${decision.reason ?? ''}` : null,
      updated_at: decision.now,
    })
    .where('id', '=', replyId)
    .where('status', '=', 'awaiting_approval')
    .execute();
}

/** Replies waiting for a lead, oldest first. */
export async function listPendingApprovals(
  db: Kysely<Database>,
  workspaceId: string,
  limit: number,
) {
  return db
    .selectFrom('reply_approvals as a')
    .innerJoin('replies as r', 'r.id', 'a.reply_id')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select([
      'r.id',
      'r.conversation_id',
      'r.text',
      'r.network',
      'r.visibility',
      'r.author_id',
      'u.name as author_name',
      'a.reasons',
      'a.tone_flags',
      'a.created_at',
    ])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.decision', 'is', null)
    .orderBy('a.created_at')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
