/**
 * The audit log's vocabulary (issue 17, point 8): a closed list of dotted kinds, and the rule that
 * keeps secrets out of a recorded before/after.
 */
export const auditKinds = [
  'member.added',
  'member.role_changed',
  'member.removed',
  'user.deactivated',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'token.created',
  'token.revoked',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.password_changed',
  'auth.password_reset',
  'channel.connected',
  'channel.updated',
  'channel.removed',
  'channel.paused',
  'channel.resumed',
  'brand.created',
  'brand.updated',
  'brand.removed',
  'sla_policy.created',
  'sla_policy.updated',
  'sla_policy.removed',
  'business_hours.saved',
  'routing_rule.created',
  'routing_rule.updated',
  'routing_rule.removed',
  'routing_rule.reordered',
  'canned_response.created',
  'canned_response.updated',
  'alert_destination.created',
  'alert_destination.updated',
  'alert_destination.removed',
  'moderation.step_recorded',
  'privacy.exported',
  'privacy.erased',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.reset',
  'workspace.two_factor_required',
  'workspace.sso_only',
  'scorecard.created',
  'scorecard.archived',
  'quality_settings.saved',
] as const;

export type AuditKind = (typeof auditKinds)[number];

/** A recorded state: plain JSON, secrets already replaced. */
export type AuditSnapshot = Record<string, unknown>;

// Field names that hold a secret: their values never enter the log, only the fact they are there.
const secretName = /pass(word)?|secret|token|credential|api.?key|private|cookie|authorization/i;

/** What a secret's value is recorded as. */
export const secretMarker = '[secret]';

/**
 * A copy of `value` safe to keep forever: any field whose name says it holds a secret keeps its
 * name and loses its value (nested objects are walked). Callers also choose their fields; this is
 * the net under them.
 */
export function withoutSecrets(value: AuditSnapshot): AuditSnapshot {
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      secretName.test(key) ? secretFieldNames(field) : cleanValue(field),
    ]),
  );
}

function cleanValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return withoutSecrets(value as AuditSnapshot);
  return value;
}

/** A secret object records which of its fields were given; any other secret, a marker. */
function secretFieldNames(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'object' && !Array.isArray(value)) return Object.keys(value).sort();
  return secretMarker;
}

/** The fields whose values differ between two states (by their JSON), for a short summary. */
export function changedFields(before: AuditSnapshot | null, after: AuditSnapshot | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]));
}
