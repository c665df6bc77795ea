import { z } from '@hono/zod-openapi';
import { isKnownTimeZone } from '../../domain/report-filter.ts';
import { Uuid } from './common.schema.ts';

export const Instant = z
  .string()
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO 8601 date or timestamp')
  .transform((value) => new Date(value));

export const ReportQuery = z.object({
  from: Instant.optional().openapi({
    description: 'Start of the range (inclusive); default 30 days before `to`',
    example: '2026-03-01T00:00:00Z',
  }),
  to: Instant.optional().openapi({ description: 'End of the range (exclusive); default now' }),
  brandId: Uuid.optional(),
  network: z.string().min(1).max(40).optional(),
  teamId: Uuid.optional().openapi({ description: "The conversation's current team" }),
  agentId: Uuid.optional().openapi({ description: "The conversation's current assignee" }),
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone such as Europe/Paris')
    .refine(isKnownTimeZone, 'an IANA time zone such as Europe/Paris')
    .default('UTC')
    .openapi({ description: 'Zone that days and hours of the week are counted in' }),
  clock: z.enum(['wall', 'business']).default('wall').openapi({
    description:
      "Response and resolution times (responses and flow reports) in wall-clock time, or in each conversation's team's saved business hours (teams without saved hours count wall-clock time)",
  }),
  format: z.enum(['json', 'csv']).default('json'),
});

const Duration = z
  .object({
    count: z.number().int(),
    medianSeconds: z.number().nullable(),
    p90Seconds: z.number().nullable(),
    meanSeconds: z.number().nullable(),
    withinHourShare: z.number().nullable(),
  })
  .openapi('ReportDuration');

const Range = z.object({ from: z.string(), to: z.string(), timeZone: z.string() });

export const ResponseReportSchema = z
  .object({
    range: Range,
    firstResponse: Duration,
    nextResponse: Duration,
    needingReply: z.number().int(),
    answered: z.number().int(),
    responseRate: z.number().nullable(),
  })
  .openapi('ResponseReport');

export const FlowReportSchema = z
  .object({
    range: Range,
    resolution: Duration,
    conversationsOpened: z.number().int(),
    resolutions: z.number().int(),
    reopens: z.number().int(),
    reopenRate: z.number().nullable(),
    transfers: z.number().int(),
    transferredConversations: z.number().int(),
    transferRate: z.number().nullable(),
  })
  .openapi('FlowReport');

export const VolumeReportSchema = z
  .object({
    range: Range,
    items: z.array(
      z.object({ dimension: z.string(), value: z.string().nullable(), mentions: z.number().int() }),
    ),
  })
  .openapi('VolumeReport');

export const HeatMapReportSchema = z
  .object({
    range: Range,
    items: z.array(
      z.object({
        weekday: z.number().int().openapi({ description: '1 = Monday … 7 = Sunday' }),
        hour: z.number().int(),
        customerMessages: z.number().int(),
        teamReplies: z.number().int(),
      }),
    ),
  })
  .openapi('HeatMapReport');

export const SentimentReportSchema = z
  .object({
    range: Range,
    items: z.array(
      z.object({
        day: z.string(),
        positive: z.number().int(),
        neutral: z.number().int(),
        negative: z.number().int(),
        unknown: z.number().int(),
        net: z.number().nullable(),
      }),
    ),
  })
  .openapi('SentimentReport');

export const SlaReportSchema = z
  .object({
    range: Range,
    breaches: z.array(
      z.object({
        target: z.enum(['first_response', 'next_response', 'resolution']),
        breaches: z.number().int(),
      }),
    ),
    totalBreaches: z.number().int(),
    withFirstResponseTarget: z.number().int(),
    answeredWithinSla: z.number().int(),
    withinSlaShare: z.number().nullable(),
  })
  .openapi('SlaReport');

export const CsatReportSchema = z
  .object({
    range: Range,
    surveys: z.number().int(),
    responses: z.number().int(),
    averageScore: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number().int(), responses: z.number().int() })),
    trend: z.array(
      z.object({
        day: z.string(),
        responses: z.number().int(),
        averageScore: z.number().nullable(),
      }),
    ),
  })
  .openapi('CsatReport');

export const DailyReportSchema = z
  .object({
    range: Range,
    items: z.array(
      z.object({
        day: z.string(),
        mentions: z.number().int(),
        firstResponses: z.number().int(),
        firstResponseMedianSeconds: z.number().nullable(),
        withinHourShare: z.number().nullable(),
        slaDecided: z.number().int(),
        slaWithinShare: z.number().nullable(),
      }),
    ),
  })
  .openapi('DailyReport');
const ReviewRatings = {
  reviews: z.number().int(),
  averageRating: z.number().nullable().openapi({ description: '1–5 stars across sites' }),
};
const ReviewAnswers = {
  threads: z
    .number()
    .int()
    .openapi({ description: 'Reviews written in the range (an edit is the same review)' }),
  answered: z.number().int(),
  answeredShare: z.number().nullable(),
  medianSecondsToAnswer: z.number().nullable(),
  meanSecondsToAnswer: z.number().nullable(),
};

export const ReviewsReportSchema = z
  .object({
    range: Range,
    ...ReviewRatings,
    ...ReviewAnswers,
    previousAverageRating: z.number().nullable().openapi({
      description: 'The average of the equally long period just before the range',
    }),
    distribution: z.array(z.object({ stars: z.number().int(), reviews: z.number().int() })),
    bySite: z.array(z.object({ site: z.string(), ...ReviewRatings, ...ReviewAnswers })),
    byBrand: z.array(
      z.object({ brandId: z.string(), name: z.string(), ...ReviewRatings, ...ReviewAnswers }),
    ),
    trend: z.array(z.object({ day: z.string(), ...ReviewRatings })),
  })
  .openapi('ReviewsReport');

export const IdeasReportSchema = z
  .object({
    range: Range,
    byStatus: z.array(z.object({ status: z.string(), ideas: z.number().int() })),
    topVoted: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.string(),
        votes: z.number().int(),
        votesInRange: z.number().int(),
        mentions: z.number().int(),
      }),
    ),
  })
  .openapi('IdeasReport');

export const CompetitorReportSchema = z
  .object({
    range: Range,
    items: z.array(
      z.object({
        brandId: z.string(),
        name: z.string(),
        isCompetitor: z.boolean(),
        mentions: z.number().int(),
        shareOfVoice: z.number().nullable(),
        positive: z.number().int(),
        neutral: z.number().int(),
        negative: z.number().int(),
        unknown: z.number().int(),
        firstResponse: Duration,
        responseRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('CompetitorReport');

export const TopicsReportSchema = z
  .object({
    range: Range,
    previous: z.object({ from: z.string(), to: z.string() }),
    negativeMentions: z.object({ current: z.number().int(), previous: z.number().int() }),
    /** Texts counted per period: fewer than negativeMentions when the period had more. */
    textsRead: z.object({ current: z.number().int(), previous: z.number().int() }),
    items: z.array(
      z.object({
        topic: z.string(),
        current: z.number().int(),
        previous: z.number().int(),
        rise: z.number().int(),
      }),
    ),
  })
  .openapi('TopicsReport');
