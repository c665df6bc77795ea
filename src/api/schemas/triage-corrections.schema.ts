import { z } from '@hono/zod-openapi';
import { INTENT_LABELS, SENTIMENT_LABELS } from '../../domain/triage-labels.ts';

export const CorrectTriageBody = z
  .strictObject({
    sentiment: z.enum(SENTIMENT_LABELS).optional(),
    intent: z
      .enum(INTENT_LABELS as [string, ...string[]])
      .optional()
      .openapi({
        description: 'A Bitext intent (e.g. cancel_order) or praise, idea, question, other',
      }),
  })
  .refine((body) => body.sentiment !== undefined || body.intent !== undefined, {
    message: 'give sentiment, intent or both',
  })
  .openapi('CorrectTriageBody');

const Labels = z.object({
  sentiment: z.string().nullable(),
  intent: z.string().nullable(),
  category: z.string().nullable(),
});

const CorrectionSchema = z.object({
  modelLabel: z.string().nullable(),
  label: z.string(),
  correctedBy: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  correctedAt: z.string(),
});

export const MentionTriageSchema = z
  .object({
    mentionId: z.string(),
    conversationId: z.string(),
    model: Labels.openapi({ description: "The model's labels, as stored at intake" }),
    corrections: z.object({
      sentiment: CorrectionSchema.nullable(),
      intent: CorrectionSchema.nullable(),
    }),
    shown: Labels.openapi({ description: 'What to show: the correction where there is one' }),
  })
  .openapi('MentionTriage');

const FieldReport = z.object({
  corrections: z.number().int(),
  changed: z
    .number()
    .int()
    .openapi({ description: 'Corrections to another label than the model’s' }),
  shareChanged: z
    .number()
    .openapi({ description: 'changed ÷ labelled mentions: how often the model was wrong' }),
  confusion: z.array(
    z.object({ model: z.string().nullable(), corrected: z.string(), count: z.number().int() }),
  ),
});

export const CorrectionReportSchema = z
  .object({
    labelledMentions: z.number().int(),
    sentiment: FieldReport,
    intent: FieldReport,
  })
  .openapi('TriageCorrectionReport');

export const ExportQuery = z.object({
  field: z.enum(['sentiment', 'intent']).default('sentiment'),
});
