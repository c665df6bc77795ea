import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../app/app-error.ts';
import { findSsoUser } from '../../app/auth/sso-sign-in.ts';
import { setSsoOnly } from '../../app/workspaces/sso-only.ts';
import { findWorkspaceSsoOnly } from '../../store/single-sign-on.repository.ts';
import { rememberSsoAttempt, ssoCallbackPath, takeSsoAttempt } from '../auth/sso-cookie.ts';
import { signIn } from '../auth/session-cookie.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, appErrorStatus } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { SsoStatusSchema, WorkspaceSsoBody, WorkspaceSsoSchema } from '../schemas/sso.schema.ts';
import { useCaseContext } from '../use-case-context.ts';

const status = defineRoute({
  method: 'get',
  path: '/api/v1/auth/sso',
  access: 'public',
  tags: ['auth'],
  summary: 'Whether single sign-on is configured (the login page shows its button)',
  responses: { 200: jsonResponse(SsoStatusSchema, 'Single sign-on status') },
});

const start = defineRoute({
  method: 'get',
  path: '/api/v1/auth/sso/start',
  access: 'public',
  tags: ['auth'],
  summary: "Start single sign-on: redirects the browser to the OpenID Connect provider's login",
  responses: {
    302: { description: 'To the provider, with state, nonce and a PKCE challenge' },
    502: { description: 'The provider cannot be reached' },
  },
});

// The provider's parameters; the whole query string is checked by openid-client as it came.
const CallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

const callback = defineRoute({
  method: 'get',
  path: ssoCallbackPath,
  access: 'public',
  tags: ['auth'],
  summary:
    'Where the provider sends the browser back: checks the answer, matches the user by verified email, sets the session cookie and redirects to the app',
  request: { query: CallbackQuery },
  responses: {
    302: { description: 'Signed in: to the app' },
    502: { description: 'The provider cannot be reached' },
  },
});

const read = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/sso',
  access: 'workspace',
  role: 'viewer',
  tags: ['workspaces'],
  summary: 'Whether single sign-on is configured and the workspace is SSO only',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(WorkspaceSsoSchema, 'The workspace’s sign-in rule') },
});

const update = defineRoute({
  method: 'put',
  path: '/api/v1/workspaces/{workspaceId}/sso',
  access: 'workspace',
  role: 'owner',
  tags: ['workspaces'],
  summary:
    'Make the workspace SSO only (members cannot use a password; API tokens are unaffected), or not',
  request: { params: WorkspaceParams, ...jsonBody(WorkspaceSsoBody) },
  responses: { 200: jsonResponse(WorkspaceSsoSchema, 'The workspace’s sign-in rule') },
});

/**
 * A refused sign-in is a page the person reads in their browser (they arrived by a redirect):
 * what went wrong, in plain words, and the way back to the login page.
 */
function refusalPage(c: Context<AppEnv>, error: AppError) {
  c.var.deps.logger.info({ code: error.code, reason: error.message }, 'single sign-on refused');
  const escaped = error.message.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in failed · Earshot</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Sign-in failed</h1><p id="reason">${escaped}</p>
<p><a href="/login">Back to the login page</a></p></main></body></html>`;
  c.header('cache-control', 'no-store');
  return c.html(html, appErrorStatus[error.code]);
}

export const ssoRoutes = createRouter()
  .openapi(status, (c) => c.json({ configured: c.var.deps.sso !== undefined }, 200))
  .openapi(start, async (c) => {
    const { sso } = c.var.deps;
    if (!sso) throw new ApiError(404, 'sso_not_configured', 'single sign-on is not configured');
    try {
      const { url, checks } = await sso.start();
      rememberSsoAttempt(c, checks);
      c.header('cache-control', 'no-store');
      return c.redirect(url.href, 302) as never;
    } catch (error) {
      if (error instanceof AppError) return refusalPage(c, error) as never;
      throw error;
    }
  })
  .openapi(callback, async (c) => {
    const { sso, store, now } = c.var.deps;
    if (!sso) throw new ApiError(404, 'sso_not_configured', 'single sign-on is not configured');
    try {
      const checks = takeSsoAttempt(c);
      if (!checks)
        throw new AppError(
          'sso_failed',
          'this sign-in was not started in this browser, or took longer than 10 minutes: start again',
        );
      const answer = new URL(sso.settings.redirectUri);
      answer.search = new URL(c.req.url).search;
      const identity = await sso.finish(answer, checks);
      const user = await findSsoUser(store.db, identity, now());
      await signIn(c, user, 'sso');
      c.header('cache-control', 'no-store');
      return c.redirect('/', 302) as never;
    } catch (error) {
      if (error instanceof AppError) return refusalPage(c, error) as never;
      throw error;
    }
  })
  .openapi(read, async (c) => {
    const ssoOnly = await findWorkspaceSsoOnly(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ configured: c.var.deps.sso !== undefined, ssoOnly }, 200);
  })
  .openapi(update, async (c) => {
    const { ssoOnly } = c.req.valid('json');
    await setSsoOnly(useCaseContext(c.var), ssoOnly, c.var.deps.sso !== undefined);
    return c.json({ configured: c.var.deps.sso !== undefined, ssoOnly }, 200);
  });
