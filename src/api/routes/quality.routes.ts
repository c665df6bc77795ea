import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { reviewQueue } from '../../app/quality/review-queue.ts';
import type { QueueItem } from '../../app/quality/review-queue.ts';
import {
  createScorecard,
  retireScorecard,
  setSamplePerAgent,
} from '../../app/quality/scorecards.ts';
import { submitReview } from '../../app/quality/submit-review.ts';
import { weekOf, weekRange } from '../../domain/quality-sample.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import { toCsv } from '../../domain/report-csv.ts';
import { listQualityReviews } from '../../store/quality/quality-reviews.repository.ts';
import type { StoredQualityReview } from '../../store/quality/quality-reviews.repository.ts';
import { findSamplePerAgent } from '../../store/quality/quality-settings.repository.ts';
import { listScorecards } from '../../store/quality/scorecards.repository.ts';
import type { StoredScorecard } from '../../store/quality/scorecards.repository.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  QualitySettingsBody,
  QualitySettingsSchema,
  QueueQuery,
  QueueSchema,
  ReviewBody,
  ReviewSchema,
  ReviewsQuery,
  ScorecardBody,
  ScorecardParams,
  ScorecardSchema,
} from '../schemas/quality.schema.ts';

const tags = ['quality'];
const base = '/api/v1/workspaces/{workspaceId}/quality';

const getSettings = defineRoute({
  method: 'get',
  path: `${base}/settings`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'How many replies of each agent the weekly review queue samples',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(QualitySettingsSchema, 'The settings') },
});

const putSettings = defineRoute({
  method: 'put',
  path: `${base}/settings`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Set how many replies of each agent the weekly review queue samples (0–50)',
  request: { params: WorkspaceParams, ...jsonBody(QualitySettingsBody) },
  responses: { 200: jsonResponse(QualitySettingsSchema, 'The settings') },
});

const scorecards = defineRoute({
  method: 'get',
  path: `${base}/scorecards`,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: "The workspace's scorecards, archived ones included, oldest first",
  request: { params: WorkspaceParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(ScorecardSchema) }), 'The scorecards'),
  },
});

const newScorecard = defineRoute({
  method: 'post',
  path: `${base}/scorecards`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Make a scorecard of weighted criteria (fixed once made: archive it and make another)',
  request: { params: WorkspaceParams, ...jsonBody(ScorecardBody) },
  responses: { 201: jsonResponse(ScorecardSchema, 'The scorecard') },
});

const archive = defineRoute({
  method: 'delete',
  path: `${base}/scorecards/{scorecardId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Archive a scorecard: its reviews stay, no new review uses it',
  request: { params: ScorecardParams },
  responses: { 200: jsonResponse(ScorecardSchema, 'The archived scorecard') },
});

const queue = defineRoute({
  method: 'get',
  path: `${base}/queue`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    "The week's review queue: a sample of each agent's sent replies, difficult ones first (low CSAT, viral, tone-flagged, negative), then by a stable hash of the reply id",
  request: { params: WorkspaceParams, query: QueueQuery },
  responses: { 200: jsonResponse(QueueSchema, 'The queue') },
});

const review = defineRoute({
  method: 'post',
  path: `${base}/reviews`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary:
    "Score a sent reply on each criterion of a scorecard, with a coaching note; never one's own reply, once per reply",
  request: { params: WorkspaceParams, ...jsonBody(ReviewBody) },
  responses: { 201: jsonResponse(ReviewSchema, 'The review, with its weighted score') },
});

const reviews = defineRoute({
  method: 'get',
  path: `${base}/reviews`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    'Reviews newest first, as JSON or (format=csv) CSV for training sessions; an agent sees only reviews of their own replies',
  request: { params: WorkspaceParams, query: ReviewsQuery },
  responses: {
    200: {
      description: 'The reviews',
      content: {
        'application/json': { schema: z.object({ items: z.array(ReviewSchema) }) },
        'text/csv': { schema: { type: 'string' } },
      },
    },
  },
});

const iso = (at: Date | null) => at?.toISOString() ?? null;

const toScorecardJson = (card: StoredScorecard) => ({
  id: card.id,
  name: card.name,
  archivedAt: iso(card.archivedAt),
  createdAt: card.createdAt.toISOString(),
  criteria: card.criteria,
});

const toReviewJson = (row: StoredQualityReview) => ({
  id: row.id,
  replyId: row.reply_id,
  conversationId: row.conversation_id,
  replyText: row.reply_text,
  network: row.network,
  sentAt: iso(row.sent_at),
  agent: { id: row.agent_id, name: row.agent_name },
  reviewer: { id: row.reviewer_id, name: row.reviewer_name },
  scorecard: { id: row.scorecard_id, name: row.scorecard_name },
  score: row.score,
  scores: row.scores,
  note: row.note,
  reviewedAt: row.created_at.toISOString(),
});

const toQueueJson = ({ row, reasons, toneFlags }: QueueItem) => ({
  replyId: row.id,
  conversationId: row.conversation_id,
  agent: { id: row.author_id, name: row.author_name },
  text: row.text,
  network: row.network,
  visibility: row.visibility,
  sentAt: row.sent_at!.toISOString(),
  answered:
    row.answered_text !== null && row.answered_handle !== null
      ? { handle: row.answered_handle, text: row.answered_text }
      : null,
  reasons,
  toneFlags,
  csatScore: row.csat_score ?? null,
  outcome: { status: row.conversation_status, resolvedAt: iso(row.resolved_at) },
  review: row.review_id ? { id: row.review_id, score: row.review_score! } : null,
});

/** One review per line for a training session; criteria as `name: score` pairs. */
function reviewsCsv(rows: StoredQualityReview[]): string {
  return toCsv(
    [
      'reviewedAt',
      'sentAt',
      'agent',
      'reviewer',
      'scorecard',
      'score',
      'criteria',
      'note',
      'reply',
      'conversationId',
    ],
    rows.map((row) => [
      row.created_at.toISOString(),
      iso(row.sent_at),
      row.agent_name,
      row.reviewer_name,
      row.scorecard_name,
      row.score,
      row.scores.map((s) => `${s.name}: ${s.score}`).join('; '),
      row.note,
      row.reply_text,
      row.conversation_id,
    ]),
  );
}

/** Whose reviews the caller may read: a manager anyone's (or all), an agent only their own. */
function reviewedAgent(c: Context<AppEnv>, asked: string | undefined): string | undefined {
  if (roleAtLeast(c.var.role, 'admin')) return asked;
  if (asked && asked !== c.var.user.id)
    throw new ApiError(403, 'forbidden', 'an agent sees only the reviews of their own replies');
  return c.var.user.id;
}

export const qualityRoutes = createRouter()
  .openapi(getSettings, async (c) => {
    const samplePerAgent = await findSamplePerAgent(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ samplePerAgent }, 200);
  })
  .openapi(putSettings, async (c) => {
    const { samplePerAgent } = c.req.valid('json');
    await setSamplePerAgent(useCaseContext(c.var), samplePerAgent);
    return c.json({ samplePerAgent }, 200);
  })
  .openapi(scorecards, async (c) => {
    const items = await listScorecards(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items: items.map(toScorecardJson) }, 200);
  })
  .openapi(newScorecard, async (c) => {
    const card = await createScorecard(useCaseContext(c.var), c.req.valid('json'));
    return c.json(toScorecardJson(card), 201);
  })
  .openapi(archive, async (c) => {
    const { scorecardId } = c.req.valid('param');
    return c.json(toScorecardJson(await retireScorecard(useCaseContext(c.var), scorecardId)), 200);
  })
  .openapi(queue, async (c) => {
    const week = c.req.valid('query').week ?? weekOf(c.var.deps.now());
    const range = weekRange(week);
    if (!range)
      throw new ApiError(400, 'validation_failed', 'week is a Monday as YYYY-MM-DD', {
        field: 'week',
      });
    const drawn = await reviewQueue(c.var.deps.store.db, c.var.workspaceId, range);
    return c.json(
      {
        week,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        samplePerAgent: drawn.samplePerAgent,
        items: drawn.items.map(toQueueJson),
      },
      200,
    );
  })
  .openapi(review, async (c) => {
    const stored = await submitReview(useCaseContext(c.var), c.req.valid('json'));
    return c.json(toReviewJson(stored), 201);
  })
  .openapi(reviews, async (c) => {
    const query = c.req.valid('query');
    const rows = await listQualityReviews(c.var.deps.store.db, {
      workspaceId: c.var.workspaceId,
      agentId: reviewedAgent(c, query.agentId),
      from: query.from,
      to: query.to,
      limit: query.limit,
    });
    if (query.format === 'csv')
      return c.body(reviewsCsv(rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="earshot-quality-reviews.csv"',
      }) as never;
    return c.json({ items: rows.map(toReviewJson) }, 200);
  });
