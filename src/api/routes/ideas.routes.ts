import { z } from '@hono/zod-openapi';
import { canMergeIdeas, changeIdeaStatus } from '../../domain/ideas.ts';
import { appendEvents } from '../../store/events.repository.ts';
import {
  addIdeaVote,
  findIdeaForUpdate,
  insertIdea,
  linkIdeaMentions,
  listIdeas,
  mergeIdeaInto,
  removeIdeaVote,
  setIdeaStatus,
} from '../../store/ideas.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
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
import { changeIdea, loadDetail, requireMentions, toJson } from './idea-detail.ts';

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
  summary: 'Promote mentions to an idea',
  request: { params: WorkspaceParams, ...jsonBody(CreateIdeaBody) },
  responses: { 201: jsonResponse(IdeaDetailSchema, 'The idea') },
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
    const body = c.req.valid('json');
    const vars = c.var;
    const idea = await vars.deps.store.db.transaction().execute(async (tx) => {
      await requireMentions(tx, vars.workspaceId, body.mentionIds);
      const created = await insertIdea(tx, {
        workspaceId: vars.workspaceId,
        title: body.title,
        description: body.description,
        createdBy: vars.user.id,
        now: vars.deps.now(),
      });
      await linkIdeaMentions(tx, vars.workspaceId, created.id, body.mentionIds);
      await appendEvents(tx, vars.workspaceId, [
        {
          type: 'idea.created',
          actor: { type: 'user', id: vars.user.id },
          conversationId: null,
          data: { ideaId: created.id, mentionIds: body.mentionIds },
          occurredAt: vars.deps.now(),
        },
      ]);
      return loadDetail(tx, vars, created.id);
    });
    return c.json(idea, 201);
  })
  .openapi(detail, async (c) => {
    const { ideaId } = c.req.valid('param');
    return c.json(await loadDetail(c.var.deps.store.db, c.var, ideaId), 200);
  })
  .openapi(link, async (c) => {
    const { ideaId } = c.req.valid('param');
    const { mentionIds } = c.req.valid('json');
    const result = await changeIdea(c.var, ideaId, async (tx) => {
      await requireMentions(tx, c.var.workspaceId, mentionIds);
      const added = await linkIdeaMentions(tx, c.var.workspaceId, ideaId, mentionIds);
      return added > 0 ? { type: 'idea.linked', data: { added } } : null;
    });
    return c.json(result, 200);
  })
  .openapi(vote, async (c) => {
    const { ideaId } = c.req.valid('param');
    const result = await changeIdea(c.var, ideaId, async (tx, idea) => {
      if (idea.status === 'merged')
        throw new ApiError(409, 'invalid_transition', 'vote for the idea this one was merged into');
      const added = await addIdeaVote(
        tx,
        c.var.workspaceId,
        ideaId,
        c.var.user.id,
        c.var.deps.now(),
      );
      return added ? { type: 'idea.voted', data: {} } : null;
    });
    return c.json(result, 200);
  })
  .openapi(unvote, async (c) => {
    const { ideaId } = c.req.valid('param');
    const result = await changeIdea(c.var, ideaId, async (tx) => {
      const removed = await removeIdeaVote(tx, ideaId, c.var.user.id);
      return removed ? { type: 'idea.unvoted', data: {} } : null;
    });
    return c.json(result, 200);
  })
  .openapi(status, async (c) => {
    const { ideaId } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await changeIdea(c.var, ideaId, async (tx, idea) => {
      const change = changeIdeaStatus(idea.status, body.status, body.reason);
      if (!change.ok)
        throw new ApiError(
          change.code === 'reason_required' ? 422 : 409,
          'invalid_transition',
          change.message,
        );
      if (!change.changed) return null;
      await setIdeaStatus(tx, ideaId, { ...change, now: c.var.deps.now() });
      return {
        type: 'idea.status_changed',
        data: { from: idea.status, to: change.status, reason: change.declinedReason },
      };
    });
    return c.json(result, 200);
  })
  .openapi(merge, async (c) => {
    const { ideaId } = c.req.valid('param');
    const { intoIdeaId } = c.req.valid('json');
    const result = await changeIdea(c.var, ideaId, async (tx, source) => {
      const target = await findIdeaForUpdate(tx, c.var.workspaceId, intoIdeaId);
      if (!target) throw new ApiError(404, 'idea_not_found', 'no such idea to merge into');
      const check = canMergeIdeas(
        { id: source.id, status: source.status, mergedIntoId: source.merged_into_id },
        target,
      );
      if (!check.ok) throw new ApiError(409, check.code, check.message);
      if (check.alreadyMerged) return null;
      const moved = await mergeIdeaInto(tx, ideaId, intoIdeaId, c.var.deps.now());
      return { type: 'idea.merged', data: { intoIdeaId, ...moved } };
    });
    return c.json(result, 200);
  });
