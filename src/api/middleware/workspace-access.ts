import { createMiddleware } from 'hono/factory';
import { effectiveRole, roleAtLeast } from '../../domain/roles.ts';
import type { Role } from '../../domain/roles.ts';
import { findWorkspaceAccess } from '../../store/two-factor.repository.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** A UUID as a path may carry one (any case). */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Admits members of the workspace named in the path (or `?workspace=`) whose role is at least
 * `required`. A non-member is told the workspace does not exist: no probing for other tenants.
 * In a workspace that requires two-factor sign-in, a member without it is refused every route.
 */
export function requireWorkspaceRole(required: Role) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const workspaceId = c.req.param('workspaceId') ?? c.req.query('workspace') ?? '';
    if (!uuidPattern.test(workspaceId))
      throw new ApiError(404, 'workspace_not_found', 'no such workspace');
    const prefetched = c.var.pathWorkspaceAccess;
    const membership =
      prefetched?.workspaceId === workspaceId.toLowerCase()
        ? prefetched.access
        : await findWorkspaceAccess(c.var.deps.store.db, workspaceId.toLowerCase(), c.var.user.id);
    if (!membership) throw new ApiError(404, 'workspace_not_found', 'no such workspace');
    // An SSO-only workspace admits sessions opened through the provider; tokens are unaffected.
    // The rule lapses while no provider is configured, so a broken or removed one locks no one out.
    if (
      membership.ssoOnly &&
      c.var.deps.sso &&
      c.var.authMethod === 'session' &&
      c.var.signedInWith !== 'sso'
    )
      throw new ApiError(
        403,
        'sso_required',
        'this workspace accepts single sign-on only: sign out and use "Sign in with SSO"',
      );
    // The owner's rule holds for sessions and API tokens alike: a token made before enrolling
    // must not be a way around it. The account's own routes (enrolment among them) stay open.
    if (membership.requireTwoFactor && !membership.twoFactorEnabled)
      throw new ApiError(
        403,
        'two_factor_required',
        'this workspace requires two-factor sign-in: turn it on for your account first',
      );
    // Read at every request: a demotion, or a token's narrower scope, counts at once.
    const role = effectiveRole(membership.role, c.var.tokenScope);
    if (!roleAtLeast(role, required)) {
      const how = role === membership.role ? '' : ` with this token's ${c.var.tokenScope} scope`;
      throw new ApiError(
        403,
        'forbidden',
        `this needs the ${required} role or higher; you are ${role}${how}`,
      );
    }
    c.set('workspaceId', workspaceId.toLowerCase());
    c.set('role', role);
    return next();
  });
}
