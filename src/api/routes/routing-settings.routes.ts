import { z } from '@hono/zod-openapi';
import { createTriageAssess } from '../../pipeline/intake/assess.ts';
import type { Assess } from '../../pipeline/intake/ingest.ts';
import { dryRunRouting } from '../../pipeline/routing/route-dry-run.ts';
import {
  setCategoryTeams,
  setMemberRouting,
  setMyAvailability,
} from '../../app/routing/routing-settings.ts';
import { listAgentRouting } from '../../store/routing/assignment.repository.ts';
import { findBrand } from '../../store/brands.repository.ts';
import { getCategoryTeams } from '../../store/routing/routing-categories.repository.ts';
import { loadTriageModels } from '../../triage/models.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AgentRoutingBody,
  AgentRoutingSchema,
  AvailabilityBody,
  CategoryTeamsBody,
  CategoryTeamsSchema,
  DryRunBody,
  DryRunSchema,
} from '../schemas/routing.schema.ts';

const ws = '/api/v1/workspaces/{workspaceId}';

const getCategories = defineRoute({
  method: 'get',
  path: `${ws}/routing/categories`,
  access: 'workspace',
  role: 'agent',
  tags: ['routing'],
  summary: 'The default when no rule matches: triage category → team',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(CategoryTeamsSchema, 'The map') },
});

const putCategories = defineRoute({
  method: 'put',
  path: `${ws}/routing/categories`,
  access: 'workspace',
  role: 'admin',
  tags: ['routing'],
  summary: 'Replace the category → team map',
  request: { params: WorkspaceParams, ...jsonBody(CategoryTeamsBody) },
  responses: { 200: jsonResponse(CategoryTeamsSchema, 'The map') },
});

const dryRun = defineRoute({
  method: 'post',
  path: `${ws}/routing/dry-run`,
  access: 'workspace',
  role: 'agent',
  tags: ['routing'],
  summary: 'Which rule would route this text, and where? Triage labels it; nothing is stored',
  request: { params: WorkspaceParams, ...jsonBody(DryRunBody) },
  responses: { 200: jsonResponse(DryRunSchema, 'The labels and the decision') },
});

const agents = defineRoute({
  method: 'get',
  path: `${ws}/routing/agents`,
  access: 'workspace',
  role: 'agent',
  tags: ['routing'],
  summary: 'Who auto-assignment may choose: availability, capacity, skills, teams, open load',
  request: { params: WorkspaceParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(AgentRoutingSchema) }), 'The agents'),
  },
});

const myAvailability = defineRoute({
  method: 'put',
  path: `${ws}/members/me/availability`,
  access: 'workspace',
  role: 'agent',
  tags: ['members', 'routing'],
  summary: 'Say you are available (auto-assignment may choose you) or away',
  request: { params: WorkspaceParams, ...jsonBody(AvailabilityBody) },
  responses: { 200: jsonResponse(AgentRoutingSchema, 'You, as auto-assignment sees you') },
});

const memberRouting = defineRoute({
  method: 'put',
  path: `${ws}/members/{userId}/routing`,
  access: 'workspace',
  role: 'admin',
  tags: ['members', 'routing'],
  summary: "Set a member's capacity (most open conversations; null: no limit) and skills",
  request: {
    params: WorkspaceParams.extend({ userId: Uuid }),
    ...jsonBody(AgentRoutingBody),
  },
  responses: { 200: jsonResponse(AgentRoutingSchema, 'The member') },
});

let triageAssess: Assess | undefined;
/**
 * The triage seam the server gave its channels (what ingest labels mentions with); without one
 * (tests, scripts), the same models loaded on the first dry run.
 */
function assessForDryRun(vars: AppEnv['Variables']): Assess {
  if (vars.deps.channels.assess) return vars.deps.channels.assess;
  try {
    triageAssess ??= createTriageAssess(loadTriageModels());
    return triageAssess;
  } catch {
    throw new ApiError(503, 'triage_unavailable', 'the triage models could not be loaded');
  }
}

async function agentView(vars: AppEnv['Variables'], userId: string) {
  const view = (await listAgentRouting(vars.deps.store.db, vars.workspaceId, true)).find(
    (agent) => agent.userId === userId,
  );
  if (!view) throw new ApiError(404, 'user_not_found', 'no such member');
  return view;
}

export const routingSettingsRoutes = createRouter()
  .openapi(getCategories, async (c) =>
    c.json({ categoryTeams: await getCategoryTeams(c.var.deps.store.db, c.var.workspaceId) }, 200),
  )
  .openapi(putCategories, async (c) => {
    const { categoryTeams } = c.req.valid('json');
    await setCategoryTeams(useCaseContext(c.var), categoryTeams);
    return c.json(
      { categoryTeams: await getCategoryTeams(c.var.deps.store.db, c.var.workspaceId) },
      200,
    );
  })
  .openapi(dryRun, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var.deps.store;
    if (body.brandId && !(await findBrand(db, c.var.workspaceId, body.brandId)))
      throw new ApiError(404, 'brand_not_found', 'no such brand');
    const result = await dryRunRouting(
      db,
      c.var.workspaceId,
      { ...body, brandId: body.brandId ?? null },
      assessForDryRun(c.var),
      c.var.deps.now(),
    );
    const { facts, decision } = result;
    return c.json(
      {
        labels: {
          intent: facts.intent,
          category: facts.category,
          language: facts.language,
          sentiment: facts.sentiment,
          complaint: facts.complaint,
          priority: facts.priority,
        },
        decision: {
          ruleId: decision.ruleId,
          ruleName: result.ruleName,
          teamId: decision.teamId,
          teamName: result.teamName,
          priority: decision.priority,
          tags: decision.tags,
          skills: decision.skills,
          autoReply: decision.autoReply,
          reason: decision.reason,
        },
      },
      200,
    );
  })
  .openapi(agents, async (c) =>
    c.json({ items: await listAgentRouting(c.var.deps.store.db, c.var.workspaceId) }, 200),
  )
  .openapi(myAvailability, async (c) => {
    const { available } = c.req.valid('json');
    await setMyAvailability(useCaseContext(c.var), available);
    return c.json(await agentView(c.var, c.var.user.id), 200);
  })
  .openapi(memberRouting, async (c) => {
    const { userId } = c.req.valid('param');
    await setMemberRouting(useCaseContext(c.var), userId, c.req.valid('json'));
    return c.json(await agentView(c.var, userId), 200);
  });
