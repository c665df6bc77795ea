import { z } from '@hono/zod-openapi';
import { roles, tokenScopes } from '../../domain/roles.ts';
import { passwordMaxLength, passwordMinLength } from '../../security/password-policy.ts';

export const LoginBody = z
  .strictObject({
    email: z.string().trim().min(3).max(320),
    password: z.string().min(1).max(1024),
  })
  .openapi('LoginBody');

export const UserSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string() })
  .openapi('User');

export const MembershipSchema = z
  .object({
    workspaceId: z.string(),
    workspaceName: z.string(),
    role: z.enum(roles),
    /** The owner requires two-factor sign-in: without it, the workspace's routes answer 403. */
    requireTwoFactor: z.boolean(),
  })
  .openapi('Membership');

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().nullable(),
    memberships: z.array(MembershipSchema),
    /** Whether this account has two-factor sign-in on. */
    twoFactorEnabled: z.boolean(),
  })
  .openapi('Session');

/** A right password for an account with two-factor sign-in: the second step's challenge. */
export const TwoFactorChallengeSchema = z
  .object({
    twoFactorRequired: z.literal(true),
    /** Single-use; send it with a code to POST /api/v1/auth/login/two-factor. */
    challenge: z.string(),
    expiresAt: z.string(),
  })
  .openapi('TwoFactorChallenge');

/** A code from the authenticator app (6 digits) or a recovery code (XXXX-XXXX-XXXX). */
const TwoFactorCode = z.string().trim().min(6).max(20);

export const TwoFactorLoginBody = z
  .strictObject({
    challenge: z.string().regex(/^esc_[A-Za-z0-9_-]{20,100}$/, 'not a valid challenge'),
    code: TwoFactorCode,
  })
  .openapi('TwoFactorLoginBody');

export const TwoFactorStatusSchema = z
  .object({
    enabled: z.boolean(),
    /** A setup was started and waits for its first code. */
    pending: z.boolean(),
    recoveryCodesLeft: z.number().int(),
  })
  .openapi('TwoFactorStatus');

export const TwoFactorSetupSchema = z
  .object({
    /** Base32, for typing into an authenticator app. */
    secret: z.string(),
    /** otpauth://totp/… for an app that reads it (or a QR code made of it). */
    uri: z.string(),
  })
  .openapi('TwoFactorSetup');

export const TwoFactorCodeBody = z
  .strictObject({ code: TwoFactorCode })
  .openapi('TwoFactorCodeBody');

export const RecoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .openapi('RecoveryCodes');

export const TwoFactorDisableBody = z
  .strictObject({
    password: z.string().min(1).max(1024).optional(),
    code: TwoFactorCode.optional(),
  })
  .refine((body) => (body.password === undefined) !== (body.code === undefined), {
    message: 'send either your password or a code',
  })
  .openapi('TwoFactorDisableBody');

export const TwoFactorRequirementBody = z
  .strictObject({ required: z.boolean() })
  .openapi('TwoFactorRequirementBody');

export const CreateTokenBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    /** What the token may do; never more than your role (default: the most your role allows). */
    scope: z.enum(tokenScopes).optional(),
    /** When it stops working (ISO 8601); omitted or null: until revoked. */
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .openapi('CreateTokenBody');

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(tokenScopes),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const WorkspaceTokenSchema = ApiTokenSchema.extend({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
}).openapi('WorkspaceToken');

/** The one password policy (src/security/password-policy.ts). */
export const NewPassword = z.string().min(passwordMinLength).max(passwordMaxLength);

export const ChangePasswordBody = z
  .strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword })
  .openapi('ChangePasswordBody');

export const PasswordResetBody = z
  .strictObject({ email: z.string().trim().min(3).max(320) })
  .openapi('PasswordResetBody');

const OneTimeSecret = z.string().regex(/^es[ri]_[A-Za-z0-9_-]{20,100}$/, 'not a valid link');

export const PasswordResetConfirmBody = z
  .strictObject({ token: OneTimeSecret, newPassword: NewPassword })
  .openapi('PasswordResetConfirmBody');

export const SessionInfoSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
  })
  .openapi('SessionInfo');

export const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(roles),
    createdAt: z.string(),
    expiresAt: z.string(),
    invitedBy: z.string().nullable().optional(),
  })
  .openapi('Invitation');

export const NewInvitationSchema = InvitationSchema.extend({
  /** The one-time secret, shown once. */
  token: z.string(),
  /** The page where they set their password; a path when EARSHOT_PUBLIC_URL is not set. */
  link: z.string(),
  emailed: z.boolean(),
}).openapi('NewInvitation');

export const InvitationTokenBody = z
  .strictObject({ token: OneTimeSecret })
  .openapi('InvitationTokenBody');

export const AcceptInvitationBody = z
  .strictObject({
    token: OneTimeSecret,
    name: z.string().trim().min(1).max(200).optional(),
    password: NewPassword,
  })
  .openapi('AcceptInvitationBody');

export const InvitationPreviewSchema = z
  .object({
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(roles),
    workspaceName: z.string(),
    expiresAt: z.string(),
  })
  .openapi('InvitationPreview');
