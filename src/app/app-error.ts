/**
 * Why a use case refused. Clients switch on the code, never on the message; the HTTP status each
 * code answers with is the API's business, in one table (`api/errors.ts`).
 */
export type AppErrorCode =
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
  | 'campaign_draw_not_found'
  | 'reply_not_found'
  | 'sla_policy_not_found'
  | 'routing_rule_not_found'
  | 'alert_not_found'
  | 'alert_destination_not_found'
  | 'tag_not_found'
  | 'scorecard_not_found'
  | 'campaign_not_found'
  | 'unknown_variable'
  | 'rule_without_action'
  | 'invalid_rule_order'
  | 'invalid_transition'
  | 'snooze_in_past'
  | 'invalid_priority'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'last_owner'
  | 'forbidden'
  | 'validation_failed'
  | 'invalid_credentials'
  | 'invalid_cursor'
  | 'triage_unavailable'
  | 'egress_refused'
  | 'reason_required'
  | 'reply_target_not_found'
  | 'reply_target_deleted'
  // People and accounts (issue 17).
  | 'invitation_not_found'
  | 'session_not_found'
  | 'link_expired'
  | 'wrong_password'
  | 'account_exists'
  | 'user_deactivated'
  // Single sign-on (issue 17, point 6).
  | 'sso_not_configured'
  | 'sso_unavailable'
  | 'sso_failed'
  | 'email_not_verified'
  | 'no_account'
  // Two-factor sign-in (issue 17, point 5).
  | 'wrong_code'
  | 'two_factor_already_enabled'
  | 'two_factor_not_set_up'
  | 'two_factor_not_enabled'
  | 'two_factor_challenge_expired'
  | 'contact_already_erased'
  // Review files uploaded to the API (issue 19).
  | 'invalid_file';

/** The one error a use case throws; `details` is shown to the client as it is. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details ?? null;
  }
}
