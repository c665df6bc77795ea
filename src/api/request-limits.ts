import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { RateLimiter } from './auth/rate-limit.ts';
import { ApiError } from './errors.ts';

const minuteMs = 60_000;

export interface RequestLimitOptions {
  /** Requests per minute from one client address without a valid session or token. */
  anonymousPerMinute?: number;
  /** Requests per minute with one session or API token. */
  callerPerMinute?: number;
}

/**
 * Every request counts once: against its client address when it is not authenticated (public
 * routes, webhooks, failed logins, bad tokens), or against its session or API token when it is.
 * Generous for people and their scripts; a flood from one place gets 429 before it costs much.
 */
export class RequestLimits {
  readonly anonymous: RateLimiter;
  readonly caller: RateLimiter;
  readonly anonymousPerMinute: number;
  readonly callerPerMinute: number;

  constructor(options: RequestLimitOptions = {}) {
    this.anonymousPerMinute = options.anonymousPerMinute ?? 1200;
    this.callerPerMinute = options.callerPerMinute ?? 3000;
    this.anonymous = new RateLimiter({ limit: this.anonymousPerMinute, windowMs: minuteMs });
    this.caller = new RateLimiter({ limit: this.callerPerMinute, windowMs: minuteMs });
  }
}

/** The error for a caller over a limit, with the Retry-After header set. */
export function rateLimited(c: Context, waitSeconds: number, message: string): ApiError {
  c.header('Retry-After', String(waitSeconds));
  return new ApiError(429, 'rate_limited', `${message}; try again in ${waitSeconds} s`, {
    retryAfterSeconds: waitSeconds,
  });
}

/** True when the request says who it is (checked later by `authenticate`, if the route needs it). */
export function carriesCredentials(c: Context, sessionCookieName: string): boolean {
  return Boolean(c.req.header('authorization') || getCookie(c, sessionCookieName));
}
