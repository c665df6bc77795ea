import { z } from '@hono/zod-openapi';
import { decideReplyApproval } from '../../app/replies/decide-reply-approval.ts';
import { setReplySettings } from '../../app/replies/set-reply-settings.ts';
import type { ApprovalReason } from '../../domain/approval.ts';
import { findReplySettings, listPendingApprovals } from '../../store/approvals.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
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
    return c.json(await setReplySettings(useCaseContext(c.var), c.req.valid('json')), 200);
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
    const reply = await decideReplyApproval(useCaseContext(c.var), replyId, c.req.valid('json'));
    return c.json(toReplyJson(reply), 200);
  });
