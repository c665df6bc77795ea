import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code the API answers with; clients switch on these, never on messages. */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'json_too_deep'
  | 'invalid_utf8'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'egress_refused'
  | 'csrf_failed'
  | 'forbidden'
  | 'rate_limited'
  | 'not_found'
  | 'workspace_not_found'
  | 'conversation_not_found'
  | 'brand_not_found'
  | 'channel_not_found'
  | 'team_not_found'
  | 'user_not_found'
  | 'token_not_found'
  | 'mention_not_found'
  | 'contact_not_found'
  | 'canned_response_not_found'
  | 'idea_not_found'
  | 'reply_not_found'
  | 'unknown_variable'
  | 'sla_policy_not_found'
  | 'routing_rule_not_found'
  | 'rule_without_action'
  | 'invalid_rule_order'
  | 'triage_unavailable'
  | 'invalid_cursor'
  | 'invalid_transition'
  | 'snooze_in_past'
  | 'invalid_priority'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'last_owner'
  | 'alert_not_found'
  | 'alert_destination_not_found'
  | 'tag_not_found'
  | 'internal_error';

/** The one error type routes throw; mapped to a response in one place (app.onError). */
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
