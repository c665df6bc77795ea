import { retryReply } from '../../app/replies/retry-reply.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
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
  return c.json(toReplyJson(await retryReply(useCaseContext(c.var), replyId)), 200);
});
