import { z } from '@hono/zod-openapi';
import { roles } from '../../domain/roles.ts';
import { NewPassword } from './auth.schema.ts';
import { Name, Uuid } from './common.schema.ts';

export const WorkspaceSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(roles) })
  .openapi('Workspace');
export const CreateWorkspaceBody = z.strictObject({ name: Name }).openapi('CreateWorkspaceBody');

export const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    available: z.boolean(),
  })
  .openapi('Member');

export const AddMemberBody = z
  .strictObject({
    email: z.email().max(320),
    name: Name.optional(),
    role: z.enum(roles),
    /**
     * For a new user: a first password the admin chose. Without one, someone with no account is
     * invited (a one-time link where they set their own).
     */
    password: NewPassword.optional(),
  })
  .openapi('AddMemberBody');

export const RemoveMemberQuery = z.object({
  /** A teammate who takes over their open conversations (default: back to the team's queue). */
  reassignTo: Uuid.optional(),
});

export const DeactivateUserBody = z
  .strictObject({ userId: Uuid, reassignTo: Uuid.optional() })
  .openapi('DeactivateUserBody');

export const ChangeRoleBody = z.strictObject({ role: z.enum(roles) }).openapi('ChangeRoleBody');

export const TeamSchema = z
  .object({ id: z.string(), name: z.string(), memberIds: z.array(z.string()) })
  .openapi('Team');
export const CreateTeamBody = z.strictObject({ name: Name }).openapi('CreateTeamBody');
export const AddTeamMemberBody = z.strictObject({ userId: Uuid }).openapi('AddTeamMemberBody');

const Keyword = z.string().trim().min(1).max(100);
export const BrandSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    handles: z.array(z.string()),
    keywords: z.array(z.string()),
    isCompetitor: z.boolean(),
  })
  .openapi('Brand');
export const CreateBrandBody = z
  .strictObject({
    name: Name,
    handles: z.array(Keyword).max(50).default([]),
    keywords: z.array(Keyword).max(200).default([]),
    isCompetitor: z.boolean().default(false),
  })
  .openapi('CreateBrandBody');
export const UpdateBrandBody = z
  .strictObject({
    name: Name.optional(),
    handles: z.array(Keyword).max(50).optional(),
    keywords: z.array(Keyword).max(200).optional(),
    isCompetitor: z.boolean().optional(),
  })
  .openapi('UpdateBrandBody');
