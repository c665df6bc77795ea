import { z } from '@hono/zod-openapi';
import { assignConversation } from '../../app/conversations/assign-conversation.ts';
import { changeConversations } from '../../app/conversations/bulk-change.ts';
import { markConversationAnsweredElsewhere } from '../../app/conversations/mark-answered-elsewhere.ts';
import { moveConversationToTeam } from '../../app/conversations/move-conversation-to-team.ts';
import { setConversationPriority } from '../../app/conversations/set-conversation-priority.ts';
import { setConversationStatus } from '../../app/conversations/set-conversation-status.ts';
import { tagConversation, untagConversation } from '../../app/conversations/tag-conversation.ts';
import {
  countInboxViews,
  decodeCursor,
  listInbox,
  viewCountCap,
} from '../../store/inbox.queries.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AnsweredElsewhereBody,
  AssignBody,
  BulkBody,
  BulkResponse,
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
const answeredElsewhereRoute = action(
  'answered-elsewhere',
  'Mark as answered outside Earshot (an imported conversation): counts as the first response',
  AnsweredElsewhereBody,
);

/** The inbox filters a query asks for, beside its view (shared by the list and the counts). */
function inboxFilterOf(query: z.infer<typeof InboxQuery>) {
  return {
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.brandId ? { brandId: query.brandId } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.network ? { network: query.network } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.sentiment ? { sentiment: query.sentiment } : {}),
    ...(query.intent ? { intent: query.intent } : {}),
    ...(query.socialIntent ? { socialIntent: query.socialIntent } : {}),
    ...(query.language ? { language: query.language } : {}),
    ...(query.minPriority !== undefined ? { minPriority: query.minPriority } : {}),
    ...(query.rating ? { ratings: query.rating } : {}),
    ...(query.maxRating !== undefined ? { maxRating: query.maxRating } : {}),
    ...(query.q ? { query: query.q } : {}),
    ...(query.openedFrom ? { openedFrom: new Date(query.openedFrom) } : {}),
    ...(query.openedTo ? { openedTo: new Date(query.openedTo) } : {}),
  };
}

const countsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/inbox-counts',
  access: 'workspace',
  role: 'viewer',
  tags: ['conversations'],
  summary: `How many conversations each inbox view holds under the same filters (each up to ${viewCountCap})`,
  request: { params: WorkspaceParams, query: InboxQuery },
  responses: {
    200: jsonResponse(
      z.object({ counts: z.record(z.string(), z.number().int()), cap: z.number().int() }),
      'Per view, the count (the cap means "at least")',
    ),
  },
});

const bulkRoute = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/conversations/bulk',
  access: 'workspace',
  role: 'agent',
  tags: ['conversations'],
  summary:
    'One action (assign, team, tag, resolve, mark spam) on up to 200 conversations; each reports ok or why not',
  request: { params: WorkspaceParams, ...jsonBody(BulkBody) },
  responses: { 200: jsonResponse(BulkResponse, 'What happened to each conversation') },
});

export const conversationRoutes = createRouter()
  .openapi(countsRoute, async (c) => {
    const query = c.req.valid('query');
    const counts = await countInboxViews(c.var.deps.store.db, c.var.workspaceId, {
      ...inboxFilterOf(query),
      userId: c.var.user.id,
      now: c.var.deps.now(),
    });
    return c.json({ counts, cap: viewCountCap }, 200);
  })
  .openapi(bulkRoute, async (c) => {
    const { conversationIds, action } = c.req.valid('json');
    const results = await changeConversations(useCaseContext(c.var), conversationIds, action);
    return c.json({ results }, 200);
  })
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
        ...inboxFilterOf(query),
        ...(query.ids ? { ids: query.ids } : {}),
        limit: query.limit,
      },
      position,
    );
    return c.json(page, 200);
  })
  .openapi(statusRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    const choice =
      body.status === 'snoozed'
        ? { status: body.status, snoozedUntil: new Date(body.snoozedUntil!) }
        : { status: body.status };
    return c.json(await setConversationStatus(useCaseContext(c.var), conversationId, choice), 200);
  })
  .openapi(assignRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { assigneeId } = c.req.valid('json');
    return c.json(await assignConversation(useCaseContext(c.var), conversationId, assigneeId), 200);
  })
  .openapi(teamRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { teamId } = c.req.valid('json');
    return c.json(await moveConversationToTeam(useCaseContext(c.var), conversationId, teamId), 200);
  })
  .openapi(priorityRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { priority } = c.req.valid('json');
    const context = useCaseContext(c.var);
    return c.json(await setConversationPriority(context, conversationId, priority), 200);
  })
  .openapi(answeredElsewhereRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const answer = c.req.valid('json');
    const context = useCaseContext(c.var);
    return c.json(await markConversationAnsweredElsewhere(context, conversationId, answer), 200);
  })
  .openapi(tagRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await tagConversation(useCaseContext(c.var), conversationId, body.tag), 200);
  })
  .openapi(untagRoute, async (c) => {
    const { conversationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await untagConversation(useCaseContext(c.var), conversationId, body.tag), 200);
  });
