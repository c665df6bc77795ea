import { z } from '@hono/zod-openapi';
import { roleAtLeast } from '../../domain/roles.ts';
import { accessChangedNotice, notifyChanges } from '../../store/changes.ts';
import { createUser, findUserByEmail } from '../../store/users.repository.ts';
import {
  createWorkspace,
  deleteMembership,
  findMembership,
  listUserMemberships,
  listWorkspaceMembers,
  upsertMembership,
} from '../../store/workspaces.repository.ts';
import { hashPassword } from '../../security/passwords.ts';
import { rateLimited } from '../request-limits.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AddMemberBody,
  ChangeRoleBody,
  CreateWorkspaceBody,
  MemberSchema,
  WorkspaceSchema,
} from '../schemas/workspace.schema.ts';

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
    const { db } = c.var.deps.store;
    const workspace = await db.transaction().execute(async (tx) => {
      const created = await createWorkspace(tx, name);
      await upsertMembership(tx, { workspaceId: created.id, userId: c.var.user.id, role: 'owner' });
      return created;
    });
    return c.json({ id: workspace.id, name: workspace.name, role: 'owner' as const }, 201);
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
    const body = c.req.valid('json');
    // Only an owner may make another owner: an admin cannot promote past themselves.
    if (body.role === 'owner' && !roleAtLeast(c.var.role, 'owner')) {
      throw new ApiError(403, 'forbidden', 'only an owner can add another owner');
    }
    const { db } = c.var.deps.store;
    let passwordHash: string | null = null;
    if (body.password) {
      const hashed = await c.var.deps.passwordQueue.run(`user:${c.var.user.id}`, () =>
        hashPassword(body.password!),
      );
      if (!hashed.admitted) throw rateLimited(c, 1, 'too many passwords are waiting to be hashed');
      passwordHash = hashed.value;
    }
    const member = await db.transaction().execute(async (tx) => {
      const existingUser = await findUserByEmail(tx, body.email);
      const current = existingUser
        ? await findMembership(tx, c.var.workspaceId, existingUser.id)
        : undefined;
      if (current?.role === 'owner' && body.role !== 'owner' && !roleAtLeast(c.var.role, 'owner')) {
        throw new ApiError(403, 'forbidden', 'only an owner can take away the owner role');
      }
      if (current?.role === 'owner' && body.role !== 'owner') {
        const owners = (await listWorkspaceMembers(tx, c.var.workspaceId)).filter(
          (m) => m.role === 'owner',
        );
        if (owners.length <= 1) {
          throw new ApiError(
            409,
            'last_owner',
            'a workspace needs an owner: make someone else owner first',
          );
        }
      }
      const user =
        (await findUserByEmail(tx, body.email)) ??
        (await createUser(tx, {
          email: body.email,
          name: body.name ?? body.email.split('@')[0]!,
          passwordHash,
        }));
      await upsertMembership(tx, {
        workspaceId: c.var.workspaceId,
        userId: user.id,
        role: body.role,
      });
      return (await listWorkspaceMembers(tx, c.var.workspaceId)).find((m) => m.userId === user.id)!;
    });
    return c.json(member, 201);
  })
  .openapi(changeRole, async (c) => {
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const { db } = c.var.deps.store;
    const current = await findMembership(db, c.var.workspaceId, userId);
    if (!current) throw new ApiError(404, 'user_not_found', 'no such member');
    const touchesOwner = role === 'owner' || current.role === 'owner';
    if (touchesOwner && !roleAtLeast(c.var.role, 'owner')) {
      throw new ApiError(403, 'forbidden', 'only an owner can grant or take away the owner role');
    }
    if (current.role === 'owner' && role !== 'owner') {
      const owners = (await listWorkspaceMembers(db, c.var.workspaceId)).filter(
        (m) => m.role === 'owner',
      );
      if (owners.length <= 1) {
        throw new ApiError(
          409,
          'last_owner',
          'a workspace needs an owner: make someone else owner first',
        );
      }
    }
    await upsertMembership(db, { workspaceId: c.var.workspaceId, userId, role });
    const member = (await listWorkspaceMembers(db, c.var.workspaceId)).find(
      (m) => m.userId === userId,
    )!;
    return c.json(member, 200);
  })
  .openapi(removeMember, async (c) => {
    const { userId } = c.req.valid('param');
    const { db } = c.var.deps.store;
    await db.transaction().execute(async (tx) => {
      const current = await findMembership(tx, c.var.workspaceId, userId);
      if (!current) throw new ApiError(404, 'user_not_found', 'no such member');
      if (current.role === 'owner') {
        if (!roleAtLeast(c.var.role, 'owner'))
          throw new ApiError(403, 'forbidden', 'only an owner can remove an owner');
        const owners = (await listWorkspaceMembers(tx, c.var.workspaceId)).filter(
          (m) => m.role === 'owner',
        );
        if (owners.length <= 1)
          throw new ApiError(
            409,
            'last_owner',
            'a workspace needs an owner: make someone else owner first',
          );
      }
      await deleteMembership(tx, c.var.workspaceId, userId);
      await notifyChanges(tx, [accessChangedNotice(userId, c.var.workspaceId)]);
    });
    return c.body(null, 204);
  });
