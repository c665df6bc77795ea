import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { approvalReasons, decideApproval, replyToneFlags } from '../../domain/approval.ts';
import type { ApprovalReason } from '../../domain/approval.ts';
import type { ReplyVisibility } from '../../domain/network.ts';
import type { ToneFlag } from '../../domain/tone-check.ts';
import {
  findReplyForDecision,
  findReplySettings,
  insertReplyApproval,
  listPendingApprovals,
  recordApprovalDecision,
  saveReplySettings,
} from '../../store/approvals.repository.ts';
import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { listConversationReplies } from '../../store/replies.repository.ts';
import type { Database } from '../../store/schema.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  DecisionBody,
  PendingApprovalSchema,
  PendingQuery,
  ReplyParams,
  ReplySettingsBody,
  ReplySettingsSchema,
} from '../schemas/approvals.schema.ts';
import { ReplySchema } from '../schemas/conversation.schema.ts';
import { toReplyJson } from './conversation-thread.routes.ts';

const tags = ['approvals'];
const base = '/api/v1/workspaces/{workspaceId}';

const getSettings = defineRoute({
  method: 'get',
  path: `${base}/reply-settings`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Who needs approval to reply, and whether CSAT surveys are sent',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(ReplySettingsSchema, 'The settings') },
});

const putSettings = defineRoute({
  method: 'put',
  path: `${base}/reply-settings`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Set who needs approval to reply, and CSAT surveys after resolution',
  request: { params: WorkspaceParams, ...jsonBody(ReplySettingsBody) },
  responses: { 200: jsonResponse(ReplySettingsSchema, 'The settings') },
});

const pending = defineRoute({
  method: 'get',
  path: `${base}/approvals`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Replies waiting for approval, oldest first, with why they wait',
  request: { params: WorkspaceParams, query: PendingQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(PendingApprovalSchema) }), 'Pending replies'),
  },
});

const decide = defineRoute({
  method: 'post',
  path: `${base}/replies/{replyId}/approval`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    'Approve a waiting reply (it is queued for sending) or reject it with a reason (it is kept, never sent)',
  request: { params: ReplyParams, ...jsonBody(DecisionBody) },
  responses: { 200: jsonResponse(ReplySchema, 'The reply after the decision') },
});

export const approvalRoutes = createRouter()
  .openapi(getSettings, async (c) => {
    return c.json(await findReplySettings(c.var.deps.store.db, c.var.workspaceId), 200);
  })
  .openapi(putSettings, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var.deps.store;
    const ws = c.var.workspaceId;
    const members = new Set((await listWorkspaceMembers(db, ws)).map((m) => m.userId));
    const strangers = body.approvalUserIds.filter((id) => !members.has(id));
    if (strangers.length > 0)
      throw new ApiError(404, 'user_not_found', 'not a member of this workspace', { strangers });
    const settings = { ...body, approvalUserIds: [...new Set(body.approvalUserIds)] };
    await db.transaction().execute(async (tx) => {
      await saveReplySettings(tx, ws, settings, c.var.deps.now());
      await appendEvents(tx, ws, [
        {
          type: 'reply_settings.changed',
          actor: { type: 'user', id: c.var.user.id },
          conversationId: null,
          data: settings,
          occurredAt: c.var.deps.now(),
        },
      ]);
    });
    return c.json(await findReplySettings(db, ws), 200);
  })
  .openapi(pending, async (c) => {
    const { limit } = c.req.valid('query');
    const rows = await listPendingApprovals(c.var.deps.store.db, c.var.workspaceId, limit);
    return c.json(
      {
        items: rows.map((row) => ({
          replyId: row.id,
          conversationId: row.conversation_id,
          text: row.text,
          network: row.network,
          visibility: row.visibility,
          author: { id: row.author_id, name: row.author_name },
          reasons: row.reasons as ApprovalReason[],
          toneFlags: row.tone_flags as Array<{ code: string; message: string }>,
          requestedAt: row.created_at.toISOString(),
        })),
      },
      200,
    );
  })
  .openapi(decide, async (c) => {
    const { replyId } = c.req.valid('param');
    const body = c.req.valid('json');
    const ws = c.var.workspaceId;
    const now = c.var.deps.now();
    const reply = await c.var.deps.store.db.transaction().execute(async (tx) => {
      const found = await findReplyForDecision(tx, ws, replyId);
      if (!found) throw new ApiError(404, 'reply_not_found', 'no such reply');
      const outcome = decideApproval(found.status, found.decision, body);
      if (!outcome.ok) throw new ApiError(409, 'invalid_transition', outcome.message);
      if (outcome.changed) {
        const reason = body.decision === 'reject' ? body.reason : null;
        await recordApprovalDecision(tx, replyId, {
          status: outcome.status,
          by: c.var.user.id,
          reason,
          now,
        });
        const actor = { type: 'user', id: c.var.user.id } as const;
        const data = { replyId, reason };
        await appendEvents(tx, ws, [
          {
            type: outcome.status === 'queued' ? 'reply.approved' : 'reply.rejected',
            actor,
            conversationId: found.conversation_id,
            data,
            occurredAt: now,
          },
          ...(outcome.status === 'queued'
            ? [
                {
                  type: 'reply.queued' as const,
                  actor,
                  conversationId: found.conversation_id,
                  data: { replyId },
                  occurredAt: now,
                },
              ]
            : []),
        ]);
        await notifyChanges(tx, [
          {
            type: 'reply.updated',
            workspaceId: ws,
            conversationId: found.conversation_id,
            replyId,
          },
        ]);
      }
      const replies = await listConversationReplies(tx, ws, found.conversation_id);
      return replies.find((r) => r.id === replyId)!;
    });
    return c.json(toReplyJson(reply), 200);
  });

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
): Promise<{ reasons: ApprovalReason[]; toneFlags: ToneFlag[] }> {
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
  gate: { reasons: ApprovalReason[]; toneFlags: ToneFlag[] },
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
