import { z } from '@hono/zod-openapi';
import {
  INTENT_LABELS,
  SENTIMENT_LABELS,
  SOCIAL_INTENT_LABELS,
} from '../../domain/triage-labels.ts';
import { CORRECTABLE_FIELDS } from '../../domain/triage-correction.ts';

export const CorrectTriageBody = z
  .strictObject({
    sentiment: z.enum(SENTIMENT_LABELS).optional(),
    intent: z
      .enum(INTENT_LABELS as [string, ...string[]])
      .optional()
      .openapi({
        description: 'A Bitext intent (e.g. cancel_order) or praise, idea, question, other',
      }),
    socialIntent: z
      .enum(SOCIAL_INTENT_LABELS)
      .optional()
      .openapi({ description: 'What the author is doing' }),
    complaint: z.boolean().optional(),
    spam: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of sentiment, intent, socialIntent, complaint, spam',
  })
  .openapi('CorrectTriageBody');

const Labels = z.object({
  sentiment: z.string().nullable(),
  intent: z.string().nullable(),
  category: z.string().nullable(),
  socialIntent: z.string().nullable(),
  complaint: z.enum(['yes', 'no']).nullable(),
  spam: z.enum(['yes', 'no']).nullable(),
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
      socialIntent: CorrectionSchema.nullable(),
      complaint: CorrectionSchema.nullable(),
      spam: CorrectionSchema.nullable(),
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
    socialIntent: FieldReport,
    complaint: FieldReport,
    spam: FieldReport,
  })
  .openapi('TriageCorrectionReport');

export const ExportQuery = z.object({
  field: z.enum(CORRECTABLE_FIELDS).default('sentiment'),
});
