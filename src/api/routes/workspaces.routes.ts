import { z } from '@hono/zod-openapi';
import { addMember as addWorkspaceMember } from '../../app/workspaces/add-member.ts';
import { changeMemberRole } from '../../app/workspaces/change-member-role.ts';
import { createWorkspace } from '../../app/workspaces/create-workspace.ts';
import { removeMember as removeWorkspaceMember } from '../../app/workspaces/remove-member.ts';
import { deactivateUser, requireMayDeactivate } from '../../app/users/deactivate-user.ts';
import {
  findMembership,
  listUserMemberships,
  listWorkspaceMembers,
} from '../../store/workspaces.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { accountLink, accountSettings } from '../auth/account-settings.ts';
import { hashQueued } from '../auth/hash-queued.ts';
import { NewInvitationSchema } from '../schemas/auth.schema.ts';
import { mailInvitation } from './invitations.routes.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AddMemberBody,
  ChangeRoleBody,
  CreateWorkspaceBody,
  DeactivateUserBody,
  RemoveMemberQuery,
  MemberSchema,
  SetupChecklistSchema,
  WorkspaceSchema,
} from '../schemas/workspace.schema.ts';
import { setupSteps } from '../../domain/setup-checklist.ts';
import { countSetupProgress } from '../../store/setup-progress.queries.ts';
import { useCaseContext } from '../use-case-context.ts';

const setupChecklist = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/setup',
  access: 'workspace',
  role: 'viewer',
  tags: ['workspaces'],
  summary:
    'The first-run checklist: brand, channel, team, SLA policy, teammates, each done from the real state',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(SetupChecklistSchema, 'The steps, in setup order') },
});

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
  summary:
    'Add a member who has an account, or change the role of an existing one (201). Someone without an account is invited instead (202): a one-time link, valid 7 days, shown once and emailed when SMTP is configured, where they set their own password. With `password`, an admin-chosen first password creates the account directly.',
  request: { params: WorkspaceParams, ...jsonBody(AddMemberBody) },
  responses: {
    201: jsonResponse(MemberSchema, 'The member'),
    202: jsonResponse(NewInvitationSchema, 'Invited: the link, shown this once'),
  },
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
    "Remove a member from the workspace and its teams; their open event streams close and their open conversations go back to their team's queue (or to `reassignTo`), each as a conversation.assigned event. Their past replies and notes stay theirs. The last owner cannot be removed.",
  request: { params: WorkspaceParams.extend({ userId: Uuid }), query: RemoveMemberQuery },
  responses: { 204: { description: 'Removed' } },
});

const deactivate = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/members/deactivate',
  access: 'workspace',
  role: 'admin',
  tags: ['members'],
  summary:
    "Deactivate a member across the instance (needs admin in every workspace they belong to; owner where they are owner): sign-in refused, sessions, tokens and event streams end at once, their open conversations go back to their team's queue (or to `reassignTo`). Nothing they wrote is lost.",
  request: { params: WorkspaceParams, ...jsonBody(DeactivateUserBody) },
  responses: {
    200: jsonResponse(
      z.object({ released: z.number().int() }),
      'Deactivated; how many open conversations moved',
    ),
  },
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
  .openapi(setupChecklist, async (c) => {
    const { db } = c.var.deps.store;
    const counts = await countSetupProgress(db, c.var.workspaceId, c.var.user.id, c.var.deps.now());
    const steps = setupSteps(counts);
    return c.json({ steps, complete: steps.every((step) => step.done) }, 200);
  })
  .openapi(listMembers, async (c) => {
    const items = await listWorkspaceMembers(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items }, 200);
  })
  .openapi(addMember, async (c) => {
    const { password, ...member } = c.req.valid('json');
    const added = await addWorkspaceMember(useCaseContext(c.var), c.var.role, {
      ...member,
      hashPassword: password ? () => hashQueued(c, `user:${c.var.user.id}`, password) : undefined,
    });
    if (added.kind === 'member') return c.json(added.member, 201);
    const { invitation } = added;
    const link = accountLink(accountSettings(c.var.deps), 'invite', invitation.token);
    const emailed = await mailInvitation(c, invitation);
    return c.json({ ...invitation, link, emailed }, 202);
  })
  .openapi(changeRole, async (c) => {
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    return c.json(await changeMemberRole(useCaseContext(c.var), c.var.role, userId, role), 200);
  })
  .openapi(removeMember, async (c) => {
    const { userId } = c.req.valid('param');
    const { reassignTo } = c.req.valid('query');
    await removeWorkspaceMember(useCaseContext(c.var), c.var.role, userId, reassignTo);
    return c.body(null, 204);
  })
  .openapi(deactivate, async (c) => {
    const { userId, reassignTo } = c.req.valid('json');
    const { store, now } = c.var.deps;
    const membership = await findMembership(store.db, c.var.workspaceId, userId);
    if (!membership) throw new ApiError(404, 'user_not_found', 'no such member');
    await requireMayDeactivate(store, c.var.user.id, userId);
    const result = await deactivateUser(
      store,
      { userId, teammateId: reassignTo },
      { type: 'user', id: c.var.user.id },
      now(),
      c.var.origin,
    );
    return c.json(result, 200);
  });
