import { z } from '@hono/zod-openapi';

/** GET …/reports/sentiment-change: did the customer's next message after the first answer read better? */
export const SentimentChangeReportSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    items: z.array(
      z.object({
        dimension: z.enum(['all', 'brand', 'network', 'team']).openapi({
          description: '`all` is the whole filter; the others split it by brand, network or team',
        }),
        key: z.string().nullable().openapi({
          description: "The brand's or team's id, or the network; null for `all` and for no team",
        }),
        label: z.string().nullable(),
        answered: z.number().int().openapi({
          description: 'Conversations first answered in the range, after a customer message',
        }),
        wroteAgain: z.number().int().openapi({
          description: 'Of those, where the customer wrote again before the range ended',
        }),
        improved: z.number().int(),
        same: z.number().int(),
        worse: z.number().int(),
        unlabelled: z.number().int().openapi({
          description: 'Either message had no sentiment label',
        }),
        meanScoreChange: z.number().nullable().openapi({
          description: 'Mean of (score after − score before), −2…2, over the scored pairs',
        }),
        scored: z.number().int(),
      }),
    ),
  })
  .openapi('SentimentChangeReport');
