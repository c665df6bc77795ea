import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../app/app-error.ts';
import type { AppErrorCode } from '../app/app-error.ts';

/** Every error code the API answers with; clients switch on these, never on messages. */
export type ErrorCode =
  // Includes forbidden, validation_failed and invalid_credentials, which ApiError throws too.
  | AppErrorCode
  | 'malformed_json'
  | 'json_too_deep'
  | 'invalid_utf8'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'csrf_failed'
  | 'sso_required'
  // The workspace requires two-factor sign-in and the caller's account has none (enrol first).
  | 'two_factor_required'
  | 'rate_limited'
  | 'not_found'
  | 'internal_error';

/** A refusal of the HTTP layer itself (parsing, authentication, limits); use cases throw AppError. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details ?? null;
  }
}

export function errorBody(code: ErrorCode, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

/** The HTTP status of each use-case refusal: the one place a domain code meets HTTP. */
export const appErrorStatus: Record<AppErrorCode, ContentfulStatusCode> = {
  workspace_not_found: 404,
  conversation_not_found: 404,
  brand_not_found: 404,
  channel_not_found: 404,
  team_not_found: 404,
  user_not_found: 404,
  token_not_found: 404,
  mention_not_found: 404,
  contact_not_found: 404,
  canned_response_not_found: 404,
  idea_not_found: 404,
  campaign_draw_not_found: 404,
  reply_not_found: 404,
  sla_policy_not_found: 404,
  routing_rule_not_found: 404,
  alert_not_found: 404,
  alert_destination_not_found: 404,
  tag_not_found: 404,
  scorecard_not_found: 404,
  campaign_not_found: 404,
  unknown_variable: 422,
  rule_without_action: 422,
  invalid_rule_order: 422,
  invalid_transition: 409,
  snooze_in_past: 409,
  invalid_priority: 400,
  conflict: 409,
  idempotency_key_reused: 422,
  last_owner: 409,
  forbidden: 403,
  // A well-formed request whose values break a rule; a body that does not parse is 400 (ApiError).
  validation_failed: 422,
  // A network refused a channel's credentials; a wrong login is 401 (ApiError, the auth layer).
  invalid_credentials: 422,
  invalid_cursor: 400,
  triage_unavailable: 503,
  egress_refused: 422,
  reason_required: 422,
  // inReplyTo names no post of this conversation (another conversation's, or workspace's, alike).
  reply_target_not_found: 422,
  // The customer deleted the post on the network: nothing can answer it any more.
  reply_target_deleted: 409,
  invitation_not_found: 404,
  session_not_found: 404,
  // An invitation or reset link that is unknown, used, revoked or expired: ask for a new one.
  link_expired: 410,
  wrong_password: 403,
  account_exists: 409,
  user_deactivated: 409,
  // Turning "SSO only" on needs a provider configured for the instance.
  sso_not_configured: 409,
  sso_unavailable: 502,
  sso_failed: 401,
  email_not_verified: 403,
  no_account: 403,
  // A wrong or already used two-factor code: the proof is refused, as a wrong password is.
  wrong_code: 403,
  two_factor_already_enabled: 409,
  two_factor_not_set_up: 409,
  // An owner turning on "require two-factor sign-in" without it on their own account.
  two_factor_not_enabled: 409,
  two_factor_challenge_expired: 410,
  contact_already_erased: 409,
  // A file that cannot be read as reviews at all (no header, not JSON, columns missing).
  invalid_file: 422,
};

/**
 * For a router that is also mounted on its own, without app.ts's error handler (the channel
 * routes, which tests mount with their registry): answers a use case's refusal as the ApiError it
 * maps to, and leaves every other error to the handler outside.
 */
export function rethrowAsApiError(error: Error): never {
  if (error instanceof AppError)
    throw new ApiError(appErrorStatus[error.code], error.code, error.message, error.details);
  throw error;
}
