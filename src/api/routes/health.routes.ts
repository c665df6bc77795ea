import { sql } from 'kysely';
import { z } from '@hono/zod-openapi';
import { isSchemaCurrent } from '../../store/migrate.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { jsonResponse } from '../schemas/common.schema.ts';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.string()).optional(),
});

const live = defineRoute({
  method: 'get',
  path: '/health',
  access: 'public',
  tags: ['operations'],
  summary: 'Liveness: the process answers',
  responses: { 200: jsonResponse(Health, 'Alive') },
});

const ready = defineRoute({
  method: 'get',
  path: '/ready',
  access: 'public',
  tags: ['operations'],
  summary: 'Readiness: the database answers and its schema is current',
  responses: { 200: jsonResponse(Health, 'Ready'), 503: jsonResponse(Health, 'Not ready') },
});

export const healthRoutes = createRouter()
  .openapi(live, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(ready, async (c) => {
    const { db } = c.var.deps.store;
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      return c.json({ status: 'unavailable' as const, checks: { database: String(error) } }, 503);
    }
    if (!(await isSchemaCurrent(db))) {
      return c.json(
        { status: 'unavailable' as const, checks: { database: 'ok', migrations: 'pending' } },
        503,
      );
    }
    return c.json(
      { status: 'ok' as const, checks: { database: 'ok', migrations: 'current' } },
      200,
    );
  });
