import { z } from '@hono/zod-openapi';
import { createApiToken, revokeApiToken } from '../../app/tokens/api-tokens.ts';
import { listApiTokens, listWorkspaceApiTokens } from '../../store/sessions.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { ApiTokenSchema, CreateTokenBody, WorkspaceTokenSchema } from '../schemas/auth.schema.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

const list = defineRoute({
  method: 'get',
  path: '/api/v1/tokens',
  access: 'user',
  tags: ['tokens'],
  summary: 'Your personal API tokens (never their secrets)',
  responses: { 200: jsonResponse(z.object({ items: z.array(ApiTokenSchema) }), 'Your tokens') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/v1/tokens',
  access: 'user',
  tags: ['tokens'],
  summary:
    'Create a personal API token for scripts; the secret is shown once. `scope` (read, agent, admin; default agent) is never more than your role, and in each workspace the token acts with the lower of its scope and your role there at that moment; a read token cannot write. `expiresAt` is optional.',
  request: jsonBody(CreateTokenBody),
  responses: {
    201: jsonResponse(
      ApiTokenSchema.extend({ token: z.string() }),
      'The new token, with its secret',
    ),
  },
});

const revoke = defineRoute({
  method: 'delete',
  path: '/api/v1/tokens/{tokenId}',
  access: 'user',
  tags: ['tokens'],
  summary: 'Revoke one of your tokens',
  request: { params: z.object({ tokenId: Uuid }) },
  responses: { 204: { description: 'Revoked' } },
});

const listWorkspace = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/tokens',
  access: 'workspace',
  role: 'admin',
  tags: ['tokens'],
  summary: "Every member's API tokens, with whose they are (never their secrets)",
  request: { params: WorkspaceParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(WorkspaceTokenSchema) }), 'The tokens'),
  },
});

const revokeWorkspace = defineRoute({
  method: 'delete',
  path: '/api/v1/workspaces/{workspaceId}/tokens/{tokenId}',
  access: 'workspace',
  role: 'admin',
  tags: ['tokens'],
  summary: "Revoke a member's token; its event streams close",
  request: { params: WorkspaceParams.extend({ tokenId: Uuid }) },
  responses: { 204: { description: 'Revoked' } },
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

function tokenView(row: Awaited<ReturnType<typeof listApiTokens>>[number]) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
  };
}

export const tokenRoutes = createRouter()
  .openapi(list, async (c) => {
    const rows = await listApiTokens(c.var.deps.store.db, c.var.user.id);
    return c.json({ items: rows.map(tokenView) }, 200);
  })
  .openapi(create, async (c) => {
    const { name, scope, expiresAt } = c.req.valid('json');
    const created = await createApiToken(
      c.var.deps.store.db,
      c.var.user.id,
      { name, scope, expiresAt: expiresAt ? new Date(expiresAt) : null },
      c.var.deps.now(),
      c.var.origin,
    );
    return c.json(created, 201);
  })
  .openapi(revoke, async (c) => {
    const { tokenId } = c.req.valid('param');
    const { store, now } = c.var.deps;
    const by = { userId: c.var.user.id, origin: c.var.origin };
    await revokeApiToken(store.db, { userId: c.var.user.id }, tokenId, now(), by);
    return c.body(null, 204);
  })
  .openapi(listWorkspace, async (c) => {
    const rows = await listWorkspaceApiTokens(c.var.deps.store.db, c.var.workspaceId);
    const items = rows.map((row) => ({
      ...tokenView(row),
      user: { id: row.userId, email: row.email, name: row.userName },
    }));
    return c.json({ items }, 200);
  })
  .openapi(revokeWorkspace, async (c) => {
    const { tokenId } = c.req.valid('param');
    const { store, now } = c.var.deps;
    const by = { userId: c.var.user.id, origin: c.var.origin };
    await revokeApiToken(store.db, { workspaceId: c.var.workspaceId }, tokenId, now(), by);
    return c.body(null, 204);
  });
