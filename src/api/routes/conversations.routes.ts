import { z } from '@hono/zod-openapi';
import {
  assign,
  changeTeam,
  setPriority,
  setStatus,
  snooze,
  tag,
  untag,
} from '../../domain/conversation.ts';
import type { Actor } from '../../domain/events.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { decodeCursor, listInbox } from '../../store/inbox.queries.ts';
import { findMembership } from '../../store/workspaces.repository.ts';
import { changeConversation } from '../conversation-change.ts';
import type { Rule } from '../conversation-change.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AssignBody,
  ConversationItemSchema,
  ConversationParams,
  InboxQuery,
  PriorityBody,
  StatusBody,
  TagBody,
  TeamBody,
} from '../schemas/conversation.schema.ts';

const list = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/conversations',
  access: 'workspace',
  role: 'viewer',
  tags: ['conversations'],
  summary: 'The inbox: most urgent first (priority, then SLA due time), keyset-paginated',
  request: { params: WorkspaceParams, query: InboxQuery },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(ConversationItemSchema), nextCursor: z.string().nullable() }),
      'One page of conversations',
    ),
  },
});

function action<S extends z.ZodType>(name: string, summary: string, body: S) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/workspaces/{workspaceId}/conversations/{conversationId}/${name}`,
    access: 'workspace',
    role: 'agent',
    tags: ['conversations'],
    summary,
    request: { params: ConversationParams, ...jsonBody(body) },
    responses: { 200: jsonResponse(ConversationItemSchema, 'The conversation after the change') },
  });
}

const statusRoute = action(
  'status',
  'Open, set pending, resolve, or snooze until a time',
  StatusBody,
);
const assignRoute = action('assign', 'Assign to a member, or unassign with null', AssignBody);
const teamRoute = action(
  'team',
  'Move to a team (a change after the first is a transfer)',
  TeamBody,
);
const priorityRoute = action('priority', 'Set the priority (0–100)', PriorityBody);
const tagRoute = action('tags', 'Add a tag', TagBody);
const untagRoute = action('untag', 'Remove a tag', TagBody);

/** Applies one conversation rule as the calling agent, now. */
function change(vars: AppEnv['Variables'], conversationId: string, rule: Rule) {
  const actor: Actor = { type: 'user', id: vars.user.id };
  return changeConversation(
    vars.deps.store,
    vars.workspaceId,
    conversationId,
    actor,
    vars.deps.now(),
    rule,
  );
}

export const conversationRoutes = createRouter()
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const position = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (query.cursor && !position)
      throw new ApiError(400, 'invalid_cursor', 'this cursor was not made by this API');
    const page = await listInbox(
      c.var.deps.store.db,
      c.var.workspaceId,
      {
        view: query.view,
        userId: c.var.user.id,
        now: c.var.deps.now(),
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.brandId ? { brandId: query.brandId } : {}),
        ...(query.teamId ? { teamId: query.teamId } : {}),
        ...(query.network ? { network: query.network } : {}),
        ...(query.tag ? { tag: query.tag } : {}),
        ...(query.sentiment ? { sentiment: query.sentiment } : {}),
        ...(query.intent ? { intent: query.intent } : {}),
        ...(query.language ? { language: query.language } : {}),
        ...(query.minPriority !== undefined ? { minPriority: query.minPriority } : {}),
        ...(query.q ? { query: query.q } : {}),
        limit: query.limit,
      },
      position,
    );
    return c.json(page, 200);
  })
  .openapi(statusRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await change(c.var, conversationId, (conversation, actor, now) =>
        body.status === 'snoozed'
          ? snooze(conversation, new Date(body.snoozedUntil!), actor, now)
          : setStatus(conversation, body.status, actor, now),
      ),
      200,
    );
  })
  .openapi(assignRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { assigneeId } = c.req.valid('json');
    const { store } = c.var.deps;
    if (assigneeId) {
      const membership = await findMembership(store.db, c.var.workspaceId, assigneeId);
      if (!membership || membership.role === 'viewer') {
        throw new ApiError(
          404,
          'user_not_found',
          'the assignee must be an agent, admin or owner of this workspace',
        );
      }
    }
    return c.json(
      await change(c.var, conversationId, (conversation, actor, at) =>
        assign(conversation, assigneeId, actor, at),
      ),
      200,
    );
  })
  .openapi(teamRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { teamId } = c.req.valid('json');
    const { store } = c.var.deps;
    if (teamId && !(await findTeam(store.db, c.var.workspaceId, teamId))) {
      throw new ApiError(404, 'team_not_found', 'no such team');
    }
    return c.json(
      await change(c.var, conversationId, (conversation, actor, at) =>
        changeTeam(conversation, teamId, actor, at),
      ),
      200,
    );
  })
  .openapi(priorityRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { priority } = c.req.valid('json');
    return c.json(
      await change(c.var, conversationId, (conversation, actor, at) =>
        setPriority(conversation, priority, actor, at),
      ),
      200,
    );
  })
  .openapi(tagRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await change(c.var, conversationId, (conversation, actor, at) =>
        tag(conversation, body.tag, actor, at),
      ),
      200,
    );
  })
  .openapi(untagRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(
      await change(c.var, conversationId, (conversation, actor, at) =>
        untag(conversation, body.tag, actor, at),
      ),
      200,
    );
  });
