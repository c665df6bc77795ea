import { z } from '@hono/zod-openapi';
import { Uuid } from './common.schema.ts';

export const StarPraiseBody = z
  .strictObject({
    mentionId: Uuid,
    note: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: 'Why it made us proud' }),
  })
  .openapi('StarPraiseBody');

export const PraiseQuery = z.object({
  teamId: Uuid.optional().openapi({ description: "Only praise of this team's conversations" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const PraiseSchema = z
  .object({
    id: z.string(),
    note: z.string().nullable(),
    starredBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
    createdAt: z.string(),
    mention: z.object({
      id: z.string(),
      conversationId: z.string(),
      teamId: z.string().nullable(),
      network: z.string(),
      text: z.string(),
      authorHandle: z.string(),
      url: z.string().nullable(),
      postedAt: z.string(),
      sentiment: z.string().nullable(),
    }),
  })
  .openapi('Praise');
