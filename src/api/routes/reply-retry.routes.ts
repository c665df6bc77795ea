import { notifyChanges } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findReplyForUpdate, requeueFailedReply } from '../../store/replies.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { ReplyParams } from '../schemas/approvals.schema.ts';
import { jsonResponse } from '../schemas/common.schema.ts';
import { ReplySchema } from '../schemas/conversation.schema.ts';
import { toReplyJson } from './conversation-thread.routes.ts';

const retry = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/replies/{replyId}/retry',
  access: 'workspace',
  role: 'agent',
  tags: ['conversations'],
  summary:
    'Send a failed reply again: it is queued as it was, with the same idempotency key, so a network that already has it does not post it twice. A reply already queued or sent is answered as it is.',
  request: { params: ReplyParams },
  responses: { 200: jsonResponse(ReplySchema, 'The reply, queued again') },
});

export const replyRetryRoutes = createRouter().openapi(retry, async (c) => {
  const { replyId } = c.req.valid('param');
  const ws = c.var.workspaceId;
  const now = c.var.deps.now();
  const reply = await c.var.deps.store.db.transaction().execute(async (tx) => {
    const found = await findReplyForUpdate(tx, ws, replyId);
    if (!found) throw new ApiError(404, 'reply_not_found', 'no such reply');
    // A second click, or a retry that raced the outbox: it is already on its way, or out.
    if (found.status === 'queued' || found.status === 'sent') return found;
    const queued = found.status === 'failed' ? await requeueFailedReply(tx, replyId, now) : null;
    if (!queued) {
      throw new ApiError(
        409,
        'invalid_transition',
        `only a failed reply can be retried; this one is ${found.status.replace('_', ' ')}`,
      );
    }
    await appendEvents(tx, ws, [
      {
        type: 'reply.retried',
        actor: { type: 'user', id: c.var.user.id },
        conversationId: found.conversation_id,
        data: { replyId, previousError: found.error },
        occurredAt: now,
      },
    ]);
    await notifyChanges(tx, [
      { type: 'reply.updated', workspaceId: ws, conversationId: found.conversation_id, replyId },
    ]);
    return queued;
  });
  return c.json(toReplyJson(reply), 200);
});
