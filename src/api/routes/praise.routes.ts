import { z } from '@hono/zod-openapi';
import { starPraise } from '../../app/praise/star-praise.ts';
import { listPraise } from '../../store/praise.repository.ts';
import type { PraiseRow } from '../../store/praise.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { PraiseQuery, PraiseSchema, StarPraiseBody } from '../schemas/praise.schema.ts';

const tags = ['praise'];
const base = '/api/v1/workspaces/{workspaceId}/praise';

const star = defineRoute({
  method: 'post',
  path: base,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Star a mention as praise, to share with the team (starring it again changes nothing)',
  request: { params: WorkspaceParams, ...jsonBody(StarPraiseBody) },
  responses: {
    201: jsonResponse(PraiseSchema, 'Starred'),
    200: jsonResponse(PraiseSchema, 'It was starred already'),
  },
});

const list = defineRoute({
  method: 'get',
  path: base,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: "Praise, newest first; with ?teamId= only that team's conversations",
  request: { params: WorkspaceParams, query: PraiseQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(PraiseSchema) }), 'Praise') },
});

function toJson(row: PraiseRow) {
  return {
    id: row.id,
    note: row.note,
    starredBy: { id: row.starred_by, name: row.starred_by_name },
    createdAt: row.created_at.toISOString(),
    mention: {
      id: row.mention_id,
      conversationId: row.conversation_id,
      teamId: row.team_id,
      network: row.network,
      text: row.text,
      authorHandle: row.author_handle,
      url: row.url,
      postedAt: row.posted_at.toISOString(),
      sentiment: row.sentiment,
    },
  };
}

export const praiseRoutes = createRouter()
  .openapi(star, async (c) => {
    const body = c.req.valid('json');
    const star = { mentionId: body.mentionId, note: body.note ?? null };
    const row = await starPraise(useCaseContext(c.var), star);
    return row.created ? c.json(toJson(row.praise), 201) : c.json(toJson(row.praise), 200);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const { db } = c.var.deps.store;
    if (query.teamId && !(await findTeam(db, c.var.workspaceId, query.teamId)))
      throw new ApiError(404, 'team_not_found', 'no such team');
    const rows = await listPraise(db, c.var.workspaceId, {
      limit: query.limit,
      ...(query.teamId ? { teamId: query.teamId } : {}),
    });
    return c.json({ items: rows.map(toJson) }, 200);
  });
