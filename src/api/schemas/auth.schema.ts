import { z } from '@hono/zod-openapi';
import { roles } from '../../domain/roles.ts';

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
  .object({ workspaceId: z.string(), workspaceName: z.string(), role: z.enum(roles) })
  .openapi('Membership');

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().nullable(),
    memberships: z.array(MembershipSchema),
  })
  .openapi('Session');

export const CreateTokenBody = z
  .strictObject({ name: z.string().trim().min(1).max(100) })
  .openapi('CreateTokenBody');

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
