import { z } from '@hono/zod-openapi';
import { ideaStatuses, settableIdeaStatuses } from '../../domain/ideas.ts';
import type { IdeaStatus } from '../../domain/ideas.ts';
import { Name, Uuid, WorkspaceParams } from './common.schema.ts';

export const IdeaParams = WorkspaceParams.extend({ ideaId: Uuid });

const MentionIds = z.array(Uuid).min(1).max(100);

export const CreateIdeaBody = z
  .strictObject({
    title: Name,
    description: z.string().trim().max(20_000).default(''),
    mentionIds: MentionIds.openapi({ description: 'The mentions the idea is promoted from' }),
  })
  .openapi('CreateIdeaBody');

export const LinkMentionsBody = z
  .strictObject({ mentionIds: MentionIds })
  .openapi('LinkMentionsBody');

export const IdeaStatusBody = z
  .strictObject({
    status: z.enum(settableIdeaStatuses),
    reason: z.string().trim().max(2000).optional().openapi({ description: 'Required to decline' }),
  })
  .openapi('IdeaStatusBody');

export const MergeIdeaBody = z
  .strictObject({
    intoIdeaId: Uuid.openapi({ description: 'The idea that keeps the votes and links' }),
  })
  .openapi('MergeIdeaBody');

export const IdeaListQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const list = value.split(',');
      for (const item of list) {
        if (!(ideaStatuses as readonly string[]).includes(item)) {
          ctx.addIssue({ code: 'custom', message: `unknown status "${item}"` });
          return z.NEVER;
        }
      }
      return list as IdeaStatus[];
    })
    .openapi({ description: 'Comma-separated; default every status but merged' }),
  sort: z.enum(['top', 'new']).default('top').openapi({ description: 'top: most voted first' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const IdeaSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(ideaStatuses),
    declinedReason: z.string().nullable(),
    mergedIntoId: z.string().nullable(),
    votes: z.number(),
    votedByMe: z.boolean(),
    mentionCount: z.number(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Idea');

export const IdeaDetailSchema = IdeaSchema.extend({
  mentions: z.array(
    z.object({
      id: z.string(),
      conversationId: z.string(),
      network: z.string(),
      text: z.string(),
      authorHandle: z.string(),
      url: z.string().nullable(),
      postedAt: z.string(),
    }),
  ),
}).openapi('IdeaDetail');
