import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { share } from '../domain/report-stats.ts';
import type { DurationSummary } from '../domain/report-stats.ts';
import { foldPendingReportFacts } from './report-facts-fold.ts';
import { factConditions } from './report-facts-scope.ts';
import { toSummary } from './reports-responses.ts';
import { durationAggregates } from './reports-scope.ts';
import type { DurationAggregateRow } from './reports-scope.ts';
import type { Database } from './schema.ts';

export interface BrandVoice {
  brandId: string;
  name: string;
  isCompetitor: boolean;
  /** Customer mentions of the brand in the range (hidden and spam ones left out). */
  mentions: number;
  shareOfVoice: number | null;
  positive: number;
  neutral: number;
  negative: number;
  unknown: number;
  /** How fast the brand answered in public (its own posts seen on the network), as in the responses report. */
  firstResponse: DurationSummary;
  responseRate: number | null;
}

/**
 * Share of voice and sentiment of every brand of the workspace, own and competitors, and how
 * fast each answers customers in public. A network filter applies; brand, team and agent do
 * not (the report compares brands, and competitors' conversations have no team). One statement
 * for every brand: the mentions for the voice, the reporting facts for the response times (the
 * responses report's turns and rate, grouped by brand).
 */
export async function findCompetitorReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<BrandVoice[]> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const { workspaceId, from, to } = filter;
  const network = filter.network ? sql`and c.network = ${filter.network}` : sql``;
  const facts = factConditions({
    workspaceId,
    from,
    to,
    timeZone: filter.timeZone,
    ...(filter.network ? { network: filter.network } : {}),
  });
  const { rows } = await sql<
    DurationAggregateRow & {
      id: string;
      name: string;
      is_competitor: boolean;
      voice: Record<string, number> | null;
      needing: number | null;
      answered: number | null;
    }
  >`with voices as (
      select brand_id, jsonb_object_agg(coalesce(sentiment, ''), mentions) as voice from (
        select c.brand_id, m.triage->>'sentiment' as sentiment, count(*)::int as mentions
        from mentions m join conversations c on c.id = m.conversation_id
        where m.workspace_id = ${workspaceId} and c.workspace_id = ${workspaceId}
          and not m.from_brand and m.hidden_at is null
          and coalesce((m.triage->>'spam')::boolean, false) = false
          and m.posted_at >= ${from} and m.posted_at < ${to} ${network}
        group by 1, 2) x
      group by brand_id),
    responses as (
      select brand_id, ${durationAggregates},
        (count(*) filter (where needs_reply))::int as needing,
        (count(*) filter (where needs_reply and answered_at is not null))::int as answered
      from (select f.brand_id, f.needs_reply, f.answered_at,
          case when f.turn = 'first' then f.wait_seconds end as seconds
        from report_messages f where ${facts} and f.at >= ${from} and f.at < ${to}) t
      group by brand_id)
    select b.id, b.name, b.is_competitor, v.voice, r.*
    from brands b left join voices v on v.brand_id = b.id
      left join responses r on r.brand_id = b.id
    where b.workspace_id = ${workspaceId}
    order by b.is_competitor, b.name, b.id`.execute(db);
  const brands = rows.map((row): BrandVoice => {
    const voice = row.voice ?? {};
    const labelled = (label: string) => voice[label] ?? 0;
    const mentions = Object.values(voice).reduce((sum, count) => sum + count, 0);
    return {
      brandId: row.id,
      name: row.name,
      isCompetitor: row.is_competitor,
      mentions,
      shareOfVoice: null,
      positive: labelled('positive'),
      neutral: labelled('neutral'),
      negative: labelled('negative'),
      unknown: mentions - labelled('positive') - labelled('neutral') - labelled('negative'),
      firstResponse: toSummary(row.count ? row : undefined),
      responseRate: share(row.answered ?? 0, row.needing ?? 0),
    };
  });
  const total = brands.reduce((sum, brand) => sum + brand.mentions, 0);
  for (const brand of brands) brand.shareOfVoice = share(brand.mentions, total);
  return brands;
}
