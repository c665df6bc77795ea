import { createMiddleware } from 'hono/factory';
import { clientAddress } from '../client-address.ts';
import type { AppEnv } from '../context.ts';
import { carriesCredentials, rateLimited } from '../request-limits.ts';
import { sessionCookieName } from './authenticate.ts';

const tooMany = 'too many requests from your address';

/**
 * First thing for every API and webhook request: one without credentials counts against its
 * address now, before its body is read; one with credentials is only turned away here if its
 * address is already over the limit (authenticate counts it, by session or token, or against
 * the address when the credentials are wrong).
 */
export const limitRequests = createMiddleware<AppEnv>(async (c, next) => {
  const { requestLimits, trustProxy, now } = c.var.deps;
  const address = clientAddress(c, trustProxy);
  const wait = carriesCredentials(c, sessionCookieName)
    ? requestLimits.anonymous.peek(address, now().getTime())
    : requestLimits.anonymous.hit(address, now().getTime());
  if (wait !== undefined) throw rateLimited(c, wait, tooMany);
  return next();
});

/**
 * For public routes: a request that carried credentials was not counted above, and a public
 * route never checks them, so it counts against its address here.
 */
export const limitPublicRoute = createMiddleware<AppEnv>(async (c, next) => {
  if (carriesCredentials(c, sessionCookieName)) {
    const { requestLimits, trustProxy, now } = c.var.deps;
    const wait = requestLimits.anonymous.hit(clientAddress(c, trustProxy), now().getTime());
    if (wait !== undefined) throw rateLimited(c, wait, tooMany);
  }
  return next();
});
