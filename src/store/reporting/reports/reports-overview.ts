import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import type { HeatCell, SentimentDay } from '../../../domain/report-series.ts';
import { findCompetitorReport } from './reports-competitors.ts';
import type { BrandVoice } from './reports-competitors.ts';
import { findCsatReport } from './reports-csat.ts';
import type { CsatReport } from './reports-csat.ts';
import { findFlowReport } from './reports-flow.ts';
import type { FlowReport } from './reports-flow.ts';
import { findResponseReport } from './reports-responses.ts';
import type { ClockOptions, ResponseReport } from './reports-responses.ts';
import { findIdeasReport } from './reports-ideas.ts';
import type { IdeasReport } from './reports-ideas.ts';
import { findSentimentChangeReport } from './reports-sentiment-change.ts';
import type { SentimentChangeRow } from './reports-sentiment-change.ts';
import { findSlaReport } from './reports-sla.ts';
import type { SlaReport } from './reports-sla.ts';
import { findTopicsReport } from './reports-topics.ts';
import type { TopicsReport } from './reports-topics.ts';
import { findHeatMap, findSentimentTrend, findVolumeReport } from './reports-volume.ts';
import type { VolumeRow } from './reports-volume.ts';
import type { Database } from '../../schema.ts';

export interface ReportOverview {
  range: { from: string; to: string; timeZone: string };
  responses: ResponseReport;
  flow: FlowReport;
  volume: VolumeRow[];
  heatMap: HeatCell[];
  sentiment: SentimentDay[];
  sla: SlaReport;
  csat: CsatReport;
  ideas: IdeasReport;
  competitors: BrandVoice[];
  topics: TopicsReport;
  sentimentChange: SentimentChangeRow[];
}

/** Every measure of one filter, as `earshot report` prints it. */
export async function findReportOverview(
  db: Kysely<Database>,
  filter: ReportFilter,
  options: ClockOptions = {},
): Promise<ReportOverview> {
  // One after another: PGlite runs one query at a time anyway, and a pool stays free for others.
  const responses = await findResponseReport(db, filter, options);
  const flow = await findFlowReport(db, filter, options);
  const volume = await findVolumeReport(db, filter);
  const heatMap = await findHeatMap(db, filter);
  const sentiment = await findSentimentTrend(db, filter);
  const sla = await findSlaReport(db, filter);
  const csat = await findCsatReport(db, filter);
  const ideas = await findIdeasReport(db, filter);
  const competitors = await findCompetitorReport(db, filter);
  const topics = await findTopicsReport(db, filter);
  const sentimentChange = await findSentimentChangeReport(db, filter);
  return {
    range: reportRange(filter),
    ...{ responses, flow, volume, heatMap, sentiment },
    ...{ sla, csat, ideas, competitors, topics, sentimentChange },
  };
}

export function reportRange(filter: ReportFilter) {
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    timeZone: filter.timeZone,
  };
}
