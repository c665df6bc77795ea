import { z } from '@hono/zod-openapi';
import { addMemberToTeam, createTeam } from '../../app/teams/teams.ts';
import { listTeams } from '../../store/teams.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { AddTeamMemberBody, CreateTeamBody, TeamSchema } from '../schemas/workspace.schema.ts';

const list = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/teams',
  access: 'workspace',
  role: 'viewer',
  tags: ['teams'],
  summary: 'Teams and their members',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(TeamSchema) }), 'Teams') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/teams',
  access: 'workspace',
  role: 'admin',
  tags: ['teams'],
  summary: 'Create a team',
  request: { params: WorkspaceParams, ...jsonBody(CreateTeamBody) },
  responses: { 201: jsonResponse(TeamSchema, 'The team') },
});

const addMember = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/teams/{teamId}/members',
  access: 'workspace',
  role: 'admin',
  tags: ['teams'],
  summary: 'Add a workspace member to a team',
  request: { params: WorkspaceParams.extend({ teamId: Uuid }), ...jsonBody(AddTeamMemberBody) },
  responses: { 200: jsonResponse(TeamSchema, 'The team') },
});

export const teamRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json({ items: await listTeams(c.var.deps.store.db, c.var.workspaceId) }, 200),
  )
  .openapi(create, async (c) => {
    const { name } = c.req.valid('json');
    return c.json(await createTeam(c.var.deps.store.db, c.var.workspaceId, name), 201);
  })
  .openapi(addMember, async (c) => {
    const { teamId } = c.req.valid('param');
    const { userId } = c.req.valid('json');
    const { db } = c.var.deps.store;
    return c.json(await addMemberToTeam(db, c.var.workspaceId, teamId, userId), 200);
  });
