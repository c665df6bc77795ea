import { z } from '@hono/zod-openapi';
import { checkDatabase } from '../../store/database-health.ts';
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

/** How long /ready waits for the database: a probe must get an answer, never hang. */
const readyTimeoutMs = 2_000;

export const healthRoutes = createRouter()
  .openapi(live, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(ready, async (c) => {
    const readiness = await checkDatabase(c.var.deps.store.db, readyTimeoutMs);
    if (!readiness.ok) {
      return c.json(
        {
          status: 'unavailable' as const,
          checks: { database: `unreachable: ${readiness.reason}` },
        },
        503,
      );
    }
    if (readiness.migrations === 'pending') {
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
