import { z } from '@hono/zod-openapi';
import { createApiToken, revokeApiToken } from '../../app/tokens/api-tokens.ts';
import { listApiTokens } from '../../store/sessions.repository.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { ApiTokenSchema, CreateTokenBody } from '../schemas/auth.schema.ts';
import { Uuid, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

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
  summary: 'Create a personal API token for scripts; the secret is shown once',
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

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const tokenRoutes = createRouter()
  .openapi(list, async (c) => {
    const rows = await listApiTokens(c.var.deps.store.db, c.var.user.id);
    const items = rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at.toISOString(),
      lastUsedAt: iso(row.last_used_at),
      revokedAt: iso(row.revoked_at),
    }));
    return c.json({ items }, 200);
  })
  .openapi(create, async (c) => {
    const { name } = c.req.valid('json');
    return c.json(await createApiToken(c.var.deps.store.db, c.var.user.id, name), 201);
  })
  .openapi(revoke, async (c) => {
    const { tokenId } = c.req.valid('param');
    await revokeApiToken(c.var.deps.store.db, c.var.user.id, tokenId, c.var.deps.now());
    return c.body(null, 204);
  });
