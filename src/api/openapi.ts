import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import type { Role } from '../domain/roles.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors.ts';
import { authenticate, refuseReadTokenWrites } from './middleware/authenticate.ts';
import { limitPublicRoute } from './middleware/request-limit.ts';
import { requireWorkspaceRole } from './middleware/workspace-access.ts';
import { errorResponses } from './schemas/common.schema.ts';

/** A router whose validation failures answer in the API's one error shape. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
          code: issue.code,
        }));
        throw new ApiError(
          400,
          'validation_failed',
          `invalid request: ${issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ')}`,
          issues,
        );
      }
      return undefined;
    },
  });
}

type Access = { access: 'public' } | { access: 'user' } | { access: 'workspace'; role: Role };

/**
 * A route with its access rule declared beside it: the middleware that enforces the rule, and an
 * `x-earshot-access` note in the OpenAPI document, so the isolation tests can read every route's
 * rule from the document and try it.
 */
export function defineRoute<R extends RouteConfig>(config: R & Access) {
  const { access, ...withRole } = config;
  const role = config.access === 'workspace' ? config.role : undefined;
  // The role is our own note, not an OpenAPI field: keep it out of the operation.
  const rest = Object.fromEntries(Object.entries(withRole).filter(([key]) => key !== 'role'));
  const middleware =
    access === 'public'
      ? [limitPublicRoute]
      : role
        ? [authenticate, requireWorkspaceRole(role)]
        : [authenticate, refuseReadTokenWrites];
  return createRoute({
    ...rest,
    middleware,
    'x-earshot-access': role ? `workspace:${role}` : access,
    security: access === 'public' ? [] : [{ session: [] }, { apiToken: [] }],
    responses: { ...errorResponses, ...config.responses },
  } as unknown as R & { middleware: typeof middleware });
}
