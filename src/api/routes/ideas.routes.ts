import { z } from '@hono/zod-openapi';
import { createIdea } from '../../app/ideas/create-idea.ts';
import { linkIdeaMentions } from '../../app/ideas/link-idea-mentions.ts';
import { mergeIdea } from '../../app/ideas/merge-idea.ts';
import { updateIdeaStatus } from '../../app/ideas/update-idea-status.ts';
import { voteForIdea, withdrawIdeaVote } from '../../app/ideas/vote-for-idea.ts';
import { listIdeas } from '../../store/ideas.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  CreateIdeaBody,
  IdeaDetailSchema,
  IdeaListQuery,
  IdeaParams,
  IdeaSchema,
  IdeaStatusBody,
  LinkMentionsBody,
  MergeIdeaBody,
} from '../schemas/ideas.schema.ts';
import { loadDetail, toJson } from './idea-detail.ts';
import { ideaNoticeRoutes } from './idea-notices.routes.ts';

const tags = ['ideas'];
const base = '/api/v1/workspaces/{workspaceId}/ideas';
const ideaResponse = { 200: jsonResponse(IdeaDetailSchema, 'The idea') };

const list = defineRoute({
  method: 'get',
  path: base,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Ideas with vote and mention counts, most voted first (or newest with sort=new)',
  request: { params: WorkspaceParams, query: IdeaListQuery },
  responses: { 200: jsonResponse(z.object({ items: z.array(IdeaSchema) }), 'Ideas') },
});
const create = defineRoute({
  method: 'post',
  path: base,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Promote mentions to an idea (mentions an idea already holds give that idea back, 200)',
  request: { params: WorkspaceParams, ...jsonBody(CreateIdeaBody) },
  responses: {
    201: jsonResponse(IdeaDetailSchema, 'The new idea'),
    200: jsonResponse(IdeaDetailSchema, 'The idea that already holds these mentions'),
  },
});
const detail = defineRoute({
  method: 'get',
  path: `${base}/{ideaId}`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'One idea with the mentions it came from',
  request: { params: IdeaParams },
  responses: ideaResponse,
});
const link = defineRoute({
  method: 'post',
  path: `${base}/{ideaId}/mentions`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Link more mentions to an idea (links that exist are kept)',
  request: { params: IdeaParams, ...jsonBody(LinkMentionsBody) },
  responses: ideaResponse,
});
const vote = defineRoute({
  method: 'post',
  path: `${base}/{ideaId}/vote`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Vote for an idea (one vote per person; voting again changes nothing)',
  request: { params: IdeaParams },
  responses: ideaResponse,
});
const unvote = defineRoute({
  method: 'delete',
  path: `${base}/{ideaId}/vote`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Take back your vote',
  request: { params: IdeaParams },
  responses: ideaResponse,
});
const status = defineRoute({
  method: 'post',
  path: `${base}/{ideaId}/status`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Move an idea: new → under_review → planned → done, or declined with a reason',
  request: { params: IdeaParams, ...jsonBody(IdeaStatusBody) },
  responses: ideaResponse,
});
const merge = defineRoute({
  method: 'post',
  path: `${base}/{ideaId}/merge`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Merge a duplicate into another idea, which gains its votes (one per person) and links',
  request: { params: IdeaParams, ...jsonBody(MergeIdeaBody) },
  responses: ideaResponse,
});

export const ideaRoutes = createRouter()
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    const rows = await listIdeas(c.var.deps.store.db, c.var.workspaceId, c.var.user.id, {
      statuses: query.status ?? ['new', 'under_review', 'planned', 'done', 'declined'],
      sort: query.sort,
      limit: query.limit,
    });
    return c.json({ items: rows.map(toJson) }, 200);
  })
  .openapi(create, async (c) => {
    const idea = await createIdea(useCaseContext(c.var), c.req.valid('json'));
    const body = await loadDetail(c.var.deps.store.db, c.var, idea.id);
    return idea.created ? c.json(body, 201) : c.json(body, 200);
  })
  .openapi(detail, async (c) => {
    const { ideaId } = c.req.valid('param');
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  })
  .openapi(link, async (c) => {
    const { ideaId } = c.req.valid('param');
    const { mentionIds } = c.req.valid('json');
    await linkIdeaMentions(useCaseContext(c.var), ideaId, mentionIds);
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  })
  .openapi(vote, async (c) => {
    const { ideaId } = c.req.valid('param');
    await voteForIdea(useCaseContext(c.var), ideaId);
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  })
  .openapi(unvote, async (c) => {
    const { ideaId } = c.req.valid('param');
    await withdrawIdeaVote(useCaseContext(c.var), ideaId);
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  })
  .openapi(status, async (c) => {
    const { ideaId } = c.req.valid('param');
    await updateIdeaStatus(useCaseContext(c.var), ideaId, c.req.valid('json'));
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  })
  // Telling customers of a status sits between moving and merging an idea in the document, so the
  // API's example walks (isolation matrix, bad input) tell of the status just set.
  .route('/', ideaNoticeRoutes)
  .openapi(merge, async (c) => {
    const { ideaId } = c.req.valid('param');
    const { intoIdeaId } = c.req.valid('json');
    await mergeIdea(useCaseContext(c.var), ideaId, intoIdeaId);
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  });
