import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { defaultReportRange, reportRangeProblem } from '../../domain/report-filter.ts';
import { roleAtLeast } from '../../domain/roles.ts';
import type { ReportFilter } from '../../domain/report-filter.ts';
import { itemsToCsv, measureRows, toCsv } from '../../domain/report-csv.ts';
import { findFlowReport } from '../../store/reporting/reports/reports-flow.ts';
import { reportRange } from '../../store/reporting/reports/reports-overview.ts';
import { findCompetitorReport } from '../../store/reporting/reports/reports-competitors.ts';
import { findCsatReport } from '../../store/reporting/reports/reports-csat.ts';
import { findDailyReport } from '../../store/reporting/reports/reports-daily.ts';
import { findIdeasReport } from '../../store/reporting/reports/reports-ideas.ts';
import { findResponseReport } from '../../store/reporting/reports/reports-responses.ts';
import { findQualityTrend } from '../../store/reporting/reports/reports-quality.ts';
import { findReviewsReport } from '../../store/reporting/reports/reports-reviews.ts';
import { teamHoursClock } from '../../store/reporting/facts/report-clock.ts';
import { findSentimentChangeReport } from '../../store/reporting/reports/reports-sentiment-change.ts';
import { findSlaReport } from '../../store/reporting/reports/reports-sla.ts';
import { findTopicsReport } from '../../store/reporting/reports/reports-topics.ts';
import {
  findHeatMap,
  findSentimentTrend,
  findVolumeReport,
} from '../../store/reporting/reports/reports-volume.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams } from '../schemas/common.schema.ts';
import {
  CompetitorReportSchema,
  CsatReportSchema,
  DailyReportSchema,
  FlowReportSchema,
  HeatMapReportSchema,
  IdeasReportSchema,
  ReportQuery,
  ResponseReportSchema,
  ReviewsReportSchema,
  SentimentReportSchema,
  SlaReportSchema,
  TopicsReportSchema,
  VolumeReportSchema,
} from '../schemas/reports.schema.ts';
import { QualityReportSchema } from '../schemas/quality.schema.ts';
import { SentimentChangeReportSchema } from '../schemas/sentiment-change.schema.ts';

function reportRoute<S extends z.ZodType>(name: string, schema: S, summary: string) {
  return defineRoute({
    method: 'get',
    path: `/api/v1/workspaces/{workspaceId}/reports/${name}`,
    access: 'workspace',
    role: 'viewer',
    tags: ['reports'],
    summary,
    request: { params: WorkspaceParams, query: ReportQuery },
    responses: {
      200: {
        description: `The ${name} report, as JSON or (format=csv) as CSV`,
        content: {
          'application/json': { schema },
          'text/csv': { schema: { type: 'string' } },
        },
      },
    },
  });
}

const responses = reportRoute(
  'responses',
  ResponseReportSchema,
  'First and next response times (median, p90, mean, share within an hour) and the response rate',
);
const flow = reportRoute(
  'flow',
  FlowReportSchema,
  'Resolution time, reopens and transfers, from the event log',
);
const volume = reportRoute(
  'volume',
  VolumeReportSchema,
  'Customer mentions by network, brand, intent, category, sentiment and language',
);
const heatMap = reportRoute(
  'heat-map',
  HeatMapReportSchema,
  'Customer messages and team replies by hour of the week (168 cells, Monday 00:00 first)',
);
const sentiment = reportRoute(
  'sentiment',
  SentimentReportSchema,
  'Customer sentiment per day, with days without mentions',
);

const daily = reportRoute(
  'daily',
  DailyReportSchema,
  'Day by day: customer mentions, first responses (median, share within the hour) and the SLA share met, every day of the range',
);
const sla = reportRoute(
  'sla',
  SlaReportSchema,
  'SLA breaches by target and the share of conversations answered first within their SLA',
);
const csat = reportRoute(
  'csat',
  CsatReportSchema,
  'CSAT ratings: responses, average score, the 1–5 distribution and the trend by day',
);
const reviews = reportRoute(
  'reviews',
  ReviewsReportSchema,
  'Review ratings: average and its trend, by site and brand, the 1–5 distribution, the share answered and the time to answer',
);
const ideas = reportRoute(
  'ideas',
  IdeasReportSchema,
  'Ideas by status and the most voted (workspace-wide: brand, network, team and agent do not apply)',
);

const competitors = reportRoute(
  'competitors',
  CompetitorReportSchema,
  "Share of voice and sentiment of every brand, own and competitors, and each one's public first-response time (network filter only)",
);

const topics = reportRoute(
  'topics',
  TopicsReportSchema,
  'Terms and two-word phrases rising most in negative mentions against the previous period',
);

const sentimentChange = reportRoute(
  'sentiment-change',
  SentimentChangeReportSchema,
  "Sentiment before the team's first answer against the customer's next message: improved, same, worse and the mean score change, overall and by brand, network and team",
);

const quality = reportRoute(
  'quality',
  QualityReportSchema,
  "Quality review scores by week of the reviewed reply: overall, per agent (the reply's author; agentId filters by it) and per team; below admin, only the caller's own agent rows",
);

type Query = z.infer<typeof ReportQuery>;

function filterOf(c: Context<AppEnv>, query: Query): ReportFilter {
  const to = query.to ?? new Date();
  const from = query.from ?? defaultReportRange(to).from;
  const problem = reportRangeProblem(from, to);
  if (problem) throw new ApiError(400, 'validation_failed', `invalid range: ${problem}`);
  return {
    workspaceId: c.var.workspaceId,
    from,
    to,
    timeZone: query.timeZone,
    ...(query.brandId ? { brandId: query.brandId } : {}),
    ...(query.network ? { network: query.network } : {}),
    ...(query.teamId ? { teamId: query.teamId } : {}),
    ...(query.agentId ? { agentId: query.agentId } : {}),
  };
}

/** Wall clock, or each conversation's team's saved business hours (`clock=business`). */
async function clockOf(c: Context<AppEnv>, query: { clock: 'wall' | 'business' }) {
  return query.clock === 'business' ? teamHoursClock(c.var.deps.store.db, c.var.workspaceId) : {};
}

function csv(c: Context<AppEnv>, name: string, body: string): Response {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="earshot-${name}.csv"`,
  });
}

const measuresCsv = (filter: ReportFilter, report: object) =>
  toCsv(['measure', 'value'], measureRows({ range: reportRange(filter), ...report }));

// The typed responses of defineRoute cover JSON; CSV answers go out as plain responses.
export const reportRoutes = createRouter()
  .openapi(responses, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const clock = await clockOf(c, query);
    const report = await findResponseReport(c.var.deps.store.db, filter, clock);
    if (query.format === 'csv') return csv(c, 'responses', measuresCsv(filter, report)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  })
  .openapi(flow, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const clock = await clockOf(c, query);
    const report = await findFlowReport(c.var.deps.store.db, filter, clock);
    if (query.format === 'csv') return csv(c, 'flow', measuresCsv(filter, report)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  })
  .openapi(volume, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const items = await findVolumeReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'volume', itemsToCsv(items)) as never;
    return c.json({ range: reportRange(filter), items }, 200);
  })
  .openapi(heatMap, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const items = await findHeatMap(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'heat-map', itemsToCsv(items)) as never;
    return c.json({ range: reportRange(filter), items }, 200);
  })
  .openapi(sentiment, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const items = await findSentimentTrend(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'sentiment', itemsToCsv(items)) as never;
    return c.json({ range: reportRange(filter), items }, 200);
  })
  .openapi(daily, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const { items } = await findDailyReport(c.var.deps.store.db, filter, c.var.deps.now());
    if (query.format === 'csv') return csv(c, 'daily', itemsToCsv(items)) as never;
    return c.json({ range: reportRange(filter), items }, 200);
  })
  .openapi(sla, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const report = await findSlaReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'sla', measuresCsv(filter, report)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  });

// The rest in a second chain: one chain of every report builds a type too deep for tsc (TS2589).
reportRoutes
  .openapi(csat, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const report = await findCsatReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'csat', itemsToCsv(report.trend)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  })
  .openapi(reviews, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const report = await findReviewsReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'reviews', itemsToCsv(report.trend)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  })
  .openapi(ideas, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const report = await findIdeasReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'ideas', itemsToCsv(report.topVoted)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  })
  .openapi(competitors, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const items = await findCompetitorReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') {
      const rows = items.map(({ firstResponse, ...brand }) => ({
        ...Object.fromEntries(measureRows({ firstResponse })),
        ...brand,
      }));
      return csv(c, 'competitors', itemsToCsv(rows)) as never;
    }
    return c.json({ range: reportRange(filter), items }, 200);
  })
  .openapi(topics, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const report = await findTopicsReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'topics', itemsToCsv(report.items)) as never;
    return c.json({ range: reportRange(filter), ...report }, 200);
  })
  .openapi(sentimentChange, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    const items = await findSentimentChangeReport(c.var.deps.store.db, filter);
    if (query.format === 'csv') return csv(c, 'sentiment-change', itemsToCsv(items)) as never;
    return c.json({ range: reportRange(filter), items }, 200);
  })
  .openapi(quality, async (c) => {
    const query = c.req.valid('query');
    const filter = filterOf(c, query);
    // A manager compares agents; anyone else sees the team and workspace trend and their own.
    const manager = roleAtLeast(c.var.role, 'admin');
    if (!manager && filter.agentId && filter.agentId !== c.var.user.id)
      throw new ApiError(403, 'forbidden', "only an admin sees another agent's quality trend");
    const rows = await findQualityTrend(c.var.deps.store.db, filter);
    const items = manager
      ? rows
      : rows.filter((row) => row.scope !== 'agent' || row.id === c.var.user.id);
    if (query.format === 'csv') return csv(c, 'quality', itemsToCsv(items)) as never;
    return c.json({ range: reportRange(filter), items }, 200);
  });
