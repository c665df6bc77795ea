import { z } from '@hono/zod-openapi';
import { notifyChanges } from '../../store/changes.ts';
import { conversationExists } from '../../store/inbox.queries.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { presenceStates } from '../presence.ts';
import type { PresenceNotice } from '../presence.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { ConversationParams } from '../schemas/conversation.schema.ts';

const PresenceList = z
  .object({
    items: z.array(
      z.object({ userId: z.string(), state: z.enum(['viewing', 'typing']), at: z.string() }),
    ),
  })
  .openapi('PresenceList');

const PresenceBody = z.strictObject({ state: z.enum(presenceStates) }).openapi('PresenceBody');

const path = '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}/presence';

const current = defineRoute({
  method: 'get',
  path,
  access: 'workspace',
  role: 'viewer',
  tags: ['realtime'],
  summary: 'Who else is viewing or typing on this conversation right now',
  request: { params: ConversationParams },
  responses: { 200: jsonResponse(PresenceList, 'Members present, with what they are doing') },
});

const announce = defineRoute({
  method: 'post',
  path,
  access: 'workspace',
  role: 'viewer',
  tags: ['realtime'],
  summary:
    'Say you are viewing or typing on this conversation (repeat within 40 s / 6 s), or that you left; every browser of the workspace hears presence.updated',
  request: { params: ConversationParams, ...jsonBody(PresenceBody) },
  responses: { 200: jsonResponse(PresenceList, 'Members present after the change') },
});

async function requireConversation(vars: AppEnv['Variables'], conversationId: string) {
  if (!(await conversationExists(vars.deps.store.db, vars.workspaceId, conversationId)))
    throw new ApiError(404, 'conversation_not_found', 'no such conversation');
}

export const presenceRoutes = createRouter()
  .openapi(current, async (c) => {
    const { conversationId } = c.req.valid('param');
    await requireConversation(c.var, conversationId);
    const items = c.var.deps.realtime.presence.list(
      c.var.workspaceId,
      conversationId,
      c.var.deps.now(),
    );
    return c.json({ items }, 200);
  })
  .openapi(announce, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { state } = c.req.valid('json');
    const { deps, workspaceId, user } = c.var;
    await requireConversation(c.var, conversationId);
    const now = deps.now();
    const notice: PresenceNotice = {
      type: 'presence.updated',
      workspaceId,
      conversationId,
      userId: user.id,
      state,
      at: now.toISOString(),
    };
    // Applied here at once, so the answer includes the caller; every process (this one too)
    // applies it again when the notice arrives, which changes nothing.
    deps.realtime.presence.apply(notice);
    await notifyChanges(deps.store.db, [notice]);
    return c.json({ items: deps.realtime.presence.list(workspaceId, conversationId, now) }, 200);
  });
