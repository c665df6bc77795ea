import { z } from '@hono/zod-openapi';
import { difficultyReasons } from '../../domain/quality-sample.ts';
import { maxCriteria } from '../../domain/quality-score.ts';
import { Name, Uuid, WorkspaceParams } from './common.schema.ts';
import { Instant } from './reports.schema.ts';

export const QualitySettingsSchema = z
  .object({
    samplePerAgent: z.number().int().openapi({
      description: 'Sent replies of each agent the weekly review queue samples (0 pauses it)',
    }),
  })
  .openapi('QualitySettings');

export const QualitySettingsBody = z
  .strictObject({ samplePerAgent: z.number().int().min(0).max(50) })
  .openapi('QualitySettingsBody');

const Person = z.object({ id: z.string().nullable(), name: z.string().nullable() });

export const ScorecardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    criteria: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number().int() })),
  })
  .openapi('Scorecard');

export const ScorecardBody = z
  .strictObject({
    name: Name,
    criteria: z
      .array(z.strictObject({ name: Name, weight: z.number().int().min(1).max(100) }))
      .min(1)
      .max(maxCriteria),
  })
  .openapi('ScorecardBody');

export const ScorecardParams = WorkspaceParams.extend({ scorecardId: Uuid });

export const QueueQuery = z.object({
  week: z
    .string()
    .max(10)
    .optional()
    .openapi({ description: 'The Monday (UTC) starting the week, YYYY-MM-DD; default this week' }),
});

const ToneFlag = z.object({
  code: z.string(),
  message: z.string(),
  suggestion: z.string(),
  excerpt: z.string().optional(),
});

export const QueueItemSchema = z
  .object({
    replyId: z.string(),
    conversationId: z.string(),
    agent: Person,
    text: z.string(),
    network: z.string(),
    visibility: z.enum(['public', 'private']),
    sentAt: z.string(),
    answered: z.object({ handle: z.string(), text: z.string() }).nullable(),
    reasons: z.array(z.enum(difficultyReasons)),
    toneFlags: z.array(ToneFlag),
    csatScore: z.number().int().nullable(),
    outcome: z.object({ status: z.string(), resolvedAt: z.string().nullable() }),
    review: z.object({ id: z.string(), score: z.number() }).nullable(),
  })
  .openapi('ReviewQueueItem');

export const QueueSchema = z
  .object({
    week: z.string(),
    from: z.string(),
    to: z.string(),
    samplePerAgent: z.number().int(),
    items: z.array(QueueItemSchema),
  })
  .openapi('ReviewQueue');

export const ReviewBody = z
  .strictObject({
    replyId: Uuid,
    scorecardId: Uuid,
    scores: z
      .array(z.strictObject({ criterionId: Uuid, score: z.number().int().min(1).max(5) }))
      .min(1)
      .max(maxCriteria),
    note: z.string().max(5000).default(''),
  })
  .openapi('QualityReviewBody');

export const ReviewSchema = z
  .object({
    id: z.string(),
    replyId: z.string(),
    conversationId: z.string(),
    replyText: z.string(),
    network: z.string(),
    sentAt: z.string().nullable(),
    agent: Person,
    reviewer: Person,
    scorecard: z.object({ id: z.string(), name: z.string() }),
    score: z.number().openapi({ description: 'The weighted score, 0–100' }),
    scores: z.array(
      z.object({
        criterionId: z.string(),
        name: z.string(),
        weight: z.number().int(),
        score: z.number().int(),
      }),
    ),
    note: z.string(),
    reviewedAt: z.string(),
  })
  .openapi('QualityReview');

export const ReviewsQuery = z.object({
  agentId: Uuid.optional().openapi({
    description: "Only this agent's replies; an agent sees only their own whatever is asked",
  }),
  from: Instant.optional().openapi({ description: 'Replies sent from (inclusive)' }),
  to: Instant.optional().openapi({ description: 'Replies sent before (exclusive)' }),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  format: z.enum(['json', 'csv']).default('json'),
});

export const QualityReportSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }),
    items: z.array(
      z.object({
        week: z.string(),
        scope: z.enum(['workspace', 'agent', 'team']),
        id: z.string().nullable(),
        name: z.string().nullable(),
        reviews: z.number().int(),
        averageScore: z.number(),
      }),
    ),
  })
  .openapi('QualityReport');
