import { z } from '@hono/zod-openapi';
import { addMember as addWorkspaceMember } from '../../app/workspaces/add-member.ts';
import { changeMemberRole } from '../../app/workspaces/change-member-role.ts';
import { createWorkspace } from '../../app/workspaces/create-workspace.ts';
import { removeMember as removeWorkspaceMember } from '../../app/workspaces/remove-member.ts';
import { hashPassword } from '../../security/passwords.ts';
import { listUserMemberships, listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { rateLimited } from '../request-limits.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AddMemberBody,
  ChangeRoleBody,
  CreateWorkspaceBody,
  MemberSchema,
  WorkspaceSchema,
} from '../schemas/workspace.schema.ts';
import { useCaseContext } from '../use-case-context.ts';

const listMine = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces',
  access: 'user',
  tags: ['workspaces'],
  summary: 'The workspaces you belong to',
  responses: {
    200: jsonResponse(z.object({ items: z.array(WorkspaceSchema) }), 'Your workspaces'),
  },
});

const create = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces',
  access: 'user',
  tags: ['workspaces'],
  summary: 'Create a workspace (an agency keeps one per client); you become its owner',
  request: jsonBody(CreateWorkspaceBody),
  responses: { 201: jsonResponse(WorkspaceSchema, 'The new workspace') },
});

const getOne = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}',
  access: 'workspace',
  role: 'viewer',
  tags: ['workspaces'],
  summary: 'One workspace',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(WorkspaceSchema, 'The workspace') },
});

const listMembers = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/members',
  access: 'workspace',
  role: 'viewer',
  tags: ['members'],
  summary: 'Members of the workspace',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(MemberSchema) }), 'Members') },
});

const addMember = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/members',
  access: 'workspace',
  role: 'admin',
  tags: ['members'],
  summary: 'Add a member (creating their account if new), or change the role of an existing one',
  request: { params: WorkspaceParams, ...jsonBody(AddMemberBody) },
  responses: { 201: jsonResponse(MemberSchema, 'The member') },
});

const changeRole = defineRoute({
  method: 'put',
  path: '/api/v1/workspaces/{workspaceId}/members/{userId}/role',
  access: 'workspace',
  role: 'admin',
  tags: ['members'],
  summary: "Change a member's role",
  request: { params: WorkspaceParams.extend({ userId: Uuid }), ...jsonBody(ChangeRoleBody) },
  responses: { 200: jsonResponse(MemberSchema, 'The member') },
});

const removeMember = defineRoute({
  method: 'delete',
  path: '/api/v1/workspaces/{workspaceId}/members/{userId}',
  access: 'workspace',
  role: 'admin',
  tags: ['members'],
  summary:
    'Remove a member from the workspace and its teams; their open event streams close. Their past replies and notes stay theirs.',
  request: { params: WorkspaceParams.extend({ userId: Uuid }) },
  responses: { 204: { description: 'Removed' } },
});

export const workspaceRoutes = createRouter()
  .openapi(listMine, async (c) => {
    const rows = await listUserMemberships(c.var.deps.store.db, c.var.user.id);
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.workspaceId,
          name: row.workspaceName,
          role: row.role,
        })),
      },
      200,
    );
  })
  .openapi(create, async (c) => {
    const { name } = c.req.valid('json');
    return c.json(await createWorkspace(c.var.deps.store.db, c.var.user.id, name), 201);
  })
  .openapi(getOne, async (c) => {
    const row = (await listUserMemberships(c.var.deps.store.db, c.var.user.id)).find(
      (membership) => membership.workspaceId === c.var.workspaceId,
    );
    if (!row) throw new ApiError(404, 'workspace_not_found', 'no such workspace');
    return c.json({ id: row.workspaceId, name: row.workspaceName, role: row.role }, 200);
  })
  .openapi(listMembers, async (c) => {
    const items = await listWorkspaceMembers(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items }, 200);
  })
  .openapi(addMember, async (c) => {
    const { password, ...member } = c.req.valid('json');
    const hashQueued = async () => {
      const hashed = await c.var.deps.passwordQueue.run(`user:${c.var.user.id}`, () =>
        hashPassword(password!),
      );
      if (!hashed.admitted) throw rateLimited(c, 1, 'too many passwords are waiting to be hashed');
      return hashed.value;
    };
    const added = await addWorkspaceMember(useCaseContext(c.var), c.var.role, {
      ...member,
      hashPassword: password ? hashQueued : undefined,
    });
    return c.json(added, 201);
  })
  .openapi(changeRole, async (c) => {
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    return c.json(await changeMemberRole(useCaseContext(c.var), c.var.role, userId, role), 200);
  })
  .openapi(removeMember, async (c) => {
    const { userId } = c.req.valid('param');
    await removeWorkspaceMember(useCaseContext(c.var), c.var.role, userId);
    return c.body(null, 204);
  });
