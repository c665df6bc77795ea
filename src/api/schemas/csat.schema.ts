import { z } from '@hono/zod-openapi';

export const CsatQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CsatReportSchema = z
  .object({
    summary: z.object({
      awaiting: z.number(),
      answered: z.number(),
      unanswered: z.number().openapi({ description: 'The next message gave no rating' }),
      average: z.number().nullable(),
      distribution: z.object({
        1: z.number(),
        2: z.number(),
        3: z.number(),
        4: z.number(),
        5: z.number(),
      }),
    }),
    items: z.array(
      z.object({
        surveyId: z.string(),
        conversationId: z.string(),
        score: z.number(),
        mentionId: z.string().nullable(),
        answeredAt: z.string(),
      }),
    ),
  })
  .openapi('CsatReport');
