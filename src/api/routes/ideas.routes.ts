import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { canMergeIdeas, changeIdeaStatus } from '../../domain/ideas.ts';
import type { EventType } from '../../domain/events.ts';
import { appendEvents } from '../../store/events.repository.ts';
import {
  addIdeaVote,
  findIdea,
  findIdeaForUpdate,
  findWorkspaceMentionIds,
  insertIdea,
  linkIdeaMentions,
  listIdeaMentions,
  listIdeas,
  mergeIdeaInto,
  removeIdeaVote,
  setIdeaStatus,
} from '../../store/ideas.repository.ts';
import type { IdeaRow } from '../../store/ideas.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { AppEnv } from '../context.ts';
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

function toJson(row: IdeaRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    declinedReason: row.declined_reason,
    mergedIntoId: row.merged_into_id,
    votes: Number(row.votes ?? 0),
    votedByMe: Boolean(row.voted),
    mentionCount: Number(row.mentions ?? 0),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function loadDetail(db: Kysely<Database>, vars: AppEnv['Variables'], ideaId: string) {
  const row = await findIdea(db, vars.workspaceId, vars.user.id, ideaId);
  if (!row) throw new ApiError(404, 'idea_not_found', 'no such idea');
  const mentions = await listIdeaMentions(db, ideaId);
  return {
    ...toJson(row),
    mentions: mentions.map((m) => ({
      id: m.id,
      conversationId: m.conversation_id,
      network: m.network,
      text: m.text,
      authorHandle: m.author_handle,
      url: m.url,
      postedAt: m.posted_at.toISOString(),
    })),
  };
}

async function requireMentions(db: Kysely<Database>, ws: string, ids: string[]) {
  const found = await findWorkspaceMentionIds(db, ws, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ApiError(404, 'mention_not_found', 'no such mention', { missing });
}

/**
 * Runs one change to an idea in a transaction with the idea row locked, records its event when
 * something changed, and answers with the idea as it is afterwards.
 */
async function changeIdea(
  vars: AppEnv['Variables'],
  ideaId: string,
  work: (
    tx: Kysely<Database>,
    idea: NonNullable<Awaited<ReturnType<typeof findIdeaForUpdate>>>,
  ) => Promise<{ type: EventType; data: Record<string, unknown> } | null>,
) {
  return vars.deps.store.db.transaction().execute(async (tx) => {
    const idea = await findIdeaForUpdate(tx, vars.workspaceId, ideaId);
    if (!idea) throw new ApiError(404, 'idea_not_found', 'no such idea');
    const event = await work(tx, idea);
    if (event) {
      await appendEvents(tx, vars.workspaceId, [
        {
          ...event,
          data: { ideaId, ...event.data },
          actor: { type: 'user', id: vars.user.id },
          conversationId: null,
          occurredAt: vars.deps.now(),
        },
      ]);
    }
    return loadDetail(tx, vars, ideaId);
  });
}

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
