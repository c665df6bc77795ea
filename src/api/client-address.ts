import type { Context } from 'hono';
import type { RequestOrigin } from '../app/use-case.ts';
import type { AppEnv } from './context.ts';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The address a request came from. Behind a reverse proxy (EARSHOT_TRUST_PROXY=true) that is
 * the last X-Forwarded-For entry, the one our proxy appended; earlier entries are the client's
 * own words and never trusted. Otherwise it is the socket's peer; requests made in-process
 * (tests) have none.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const bindings = c.env as NodeBindings | undefined;
  return bindings?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Where a request came from, for the audit log: address, browser, and the API token if any. */
export function requestOrigin(c: Context<AppEnv>, tokenId: string | null): RequestOrigin {
  const ip = clientAddress(c, c.var.deps.trustProxy);
  return {
    ip: ip === 'unknown' ? null : ip,
    userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
    tokenId,
  };
}
