import { z } from '@hono/zod-openapi';
import { roles } from '../../domain/roles.ts';
import { NewPassword } from './auth.schema.ts';
import { Name, Uuid } from './common.schema.ts';

export const WorkspaceSchema = z
  .object({ id: z.string(), name: z.string(), role: z.enum(roles) })
  .openapi('Workspace');
export const SetupChecklistSchema = z
  .object({
    steps: z.array(
      z.object({
        key: z.enum(['brand', 'channel', 'team', 'sla', 'teammates']),
        done: z.boolean(),
      }),
    ),
    complete: z.boolean(),
  })
  .openapi('SetupChecklist');
export const CreateWorkspaceBody = z.strictObject({ name: Name }).openapi('CreateWorkspaceBody');

export const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    available: z.boolean(),
    /** Deactivated across the instance: cannot sign in; kept so what they wrote stays theirs. */
    deactivated: z.boolean(),
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
const Hashtag = z
  .string()
  .trim()
  .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'a hashtag is letters, digits and _, with or without #');
const Language = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/u, 'a language is a two-letter ISO 639-1 code, like en or fr');
const listeningTerms = {
  handles: z.array(Keyword).max(50),
  keywords: z.array(Keyword).max(200),
  hashtags: z.array(Hashtag).max(100),
  exclusions: z.array(Keyword).max(200),
  languages: z.array(Language).max(20),
  ideasTerms: z.array(Keyword).max(50).openapi({
    description:
      "The brand's handles (@name) and hashtags (#tag) that are its ideas channel: posts naming one are triaged as ideas",
  }),
};
export const BrandSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    handles: z.array(z.string()),
    keywords: z.array(z.string()),
    hashtags: z.array(z.string()),
    exclusions: z.array(z.string()),
    languages: z.array(z.string()),
    ideasTerms: z.array(z.string()),
    isCompetitor: z.boolean(),
  })
  .openapi('Brand');
export const CreateBrandBody = z
  .strictObject({
    name: Name,
    handles: listeningTerms.handles.default([]),
    keywords: listeningTerms.keywords.default([]),
    hashtags: listeningTerms.hashtags.default([]),
    exclusions: listeningTerms.exclusions.default([]),
    languages: listeningTerms.languages.default([]),
    ideasTerms: listeningTerms.ideasTerms.default([]),
    isCompetitor: z.boolean().default(false),
  })
  .openapi('CreateBrandBody');
export const UpdateBrandBody = z
  .strictObject({
    name: Name.optional(),
    handles: listeningTerms.handles.optional(),
    keywords: listeningTerms.keywords.optional(),
    hashtags: listeningTerms.hashtags.optional(),
    exclusions: listeningTerms.exclusions.optional(),
    languages: listeningTerms.languages.optional(),
    ideasTerms: listeningTerms.ideasTerms.optional(),
    isCompetitor: z.boolean().optional(),
  })
  .openapi('UpdateBrandBody');
