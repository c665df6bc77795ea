import { z } from '@hono/zod-openapi';
import {
  createCannedResponse,
  updateCannedResponse,
} from '../../app/canned-responses/canned-responses.ts';
import { checkReplyLength, firstName, renderTemplate } from '../../domain/canned-response.ts';
import {
  findCannedResponse,
  findRenderContext,
  listCannedResponses,
} from '../../store/canned-responses.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  CannedResponseListQuery,
  CannedResponseParams,
  CannedResponseSchema,
  CreateCannedResponseBody,
  RenderBody,
  RenderedSchema,
  UpdateCannedResponseBody,
} from '../schemas/canned-responses.schema.ts';

const tags = ['canned responses'];
const base = '/api/v1/workspaces/{workspaceId}/canned-responses';

const list = defineRoute({
  method: 'get',
  path: base,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary:
    "All canned responses; with ?teamId= only the workspace's shared ones and that team's own",
  request: { params: WorkspaceParams, query: CannedResponseListQuery },
  responses: {
    200: jsonResponse(z.object({ items: z.array(CannedResponseSchema) }), 'Canned responses'),
  },
});

const create = defineRoute({
  method: 'post',
  path: base,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Save a canned response; an unknown {{variable}} is refused (422 unknown_variable)',
  request: { params: WorkspaceParams, ...jsonBody(CreateCannedResponseBody) },
  responses: { 201: jsonResponse(CannedResponseSchema, 'The canned response') },
});

const update = defineRoute({
  method: 'patch',
  path: `${base}/{cannedResponseId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Change a canned response (same variable check)',
  request: { params: CannedResponseParams, ...jsonBody(UpdateCannedResponseBody) },
  responses: { 200: jsonResponse(CannedResponseSchema, 'The canned response') },
});

const render = defineRoute({
  method: 'post',
  path: `${base}/{cannedResponseId}/render`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    "Fill a canned response's variables for one conversation, with the conversation network's length check",
  request: { params: CannedResponseParams, ...jsonBody(RenderBody) },
  responses: { 200: jsonResponse(RenderedSchema, 'The text, ready for the composer') },
});

type Row = NonNullable<Awaited<ReturnType<typeof findCannedResponse>>>;

function toJson(row: Row) {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    body: row.body,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export const cannedResponseRoutes = createRouter()
  .openapi(list, async (c) => {
    const { teamId } = c.req.valid('query');
    const rows = await listCannedResponses(c.var.deps.store.db, c.var.workspaceId, teamId);
    return c.json({ items: rows.map(toJson) }, 200);
  })
  .openapi(create, async (c) => {
    const row = await createCannedResponse(useCaseContext(c.var), c.req.valid('json'));
    return c.json(toJson(row), 201);
  })
  .openapi(update, async (c) => {
    const { cannedResponseId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const row = await updateCannedResponse(useCaseContext(c.var), cannedResponseId, patch);
    return c.json(toJson(row), 200);
  })
  .openapi(render, async (c) => {
    const { cannedResponseId } = c.req.valid('param');
    const { conversationId } = c.req.valid('json');
    const { db } = c.var.deps.store;
    const ws = c.var.workspaceId;
    const [response, context] = await Promise.all([
      findCannedResponse(db, ws, cannedResponseId),
      findRenderContext(db, ws, conversationId),
    ]);
    if (!response) throw new ApiError(404, 'canned_response_not_found', 'no such canned response');
    if (!context) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    const origin = new URL(c.req.url).origin;
    const text = renderTemplate(response.body, {
      'customer.name': context.identity_name || context.contact_name || context.handle || '',
      'brand.name': context.brand_name,
      'agent.firstName': firstName(c.var.user.name),
      'ticket.link': `${origin}/w/${ws}/conversations/${context.id}`,
    });
    return c.json({ text, length: checkReplyLength(text, context.network) }, 200);
  });
