import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { share } from '../../../domain/report-stats.ts';
import type { DurationSummary } from '../../../domain/report-stats.ts';
import { foldPendingReportFacts } from '../facts/report-facts-fold.ts';
import {
  atWithin,
  dayMs,
  factConditions,
  rollupPlan,
  utcDate,
} from '../facts/report-facts-scope.ts';
import { summarizeWaits } from '../facts/report-wait-percentiles.ts';
import type { Database } from '../../schema.ts';

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
 * not (the report compares brands, and competitors' conversations have no team). All from the
 * reporting facts: the voice and the response rate from the daily `voice` and `reply` label
 * rollups of the brand slices (the facts for the ends of the range, or all of it under a network
 * filter), the response times as the responses report computes them, one brand at a time.
 */
export async function findCompetitorReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<BrandVoice[]> {
  await foldPendingReportFacts(db, filter.workspaceId);
  const { workspaceId, from, to, timeZone } = filter;
  const scope: ReportFilter = {
    workspaceId,
    from,
    to,
    timeZone,
    ...(filter.network ? { network: filter.network } : {}),
  };
  const plan = filter.network ? { factSpans: [{ from, to }] } : rollupPlan(scope, dayMs);
  // Per brand: the voice (visible, non-spam mentions by sentiment) and whether the mentions that
  // needed an answer got one, as the daily label rollup counts them.
  const rollup = plan.rollup
    ? sql`select slice_value as brand_id, dimension, value as label, mentions
        from report_label_days where workspace_id = ${workspaceId} and slice = 'brand'
          and dimension in ('voice', 'reply')
          and day >= ${utcDate(plan.rollup.from)}::date and day < ${utcDate(plan.rollup.to)}::date
        union all`
    : sql``;
  const { rows: counted } = await sql<{
    brand_id: string;
    dimension: 'voice' | 'reply';
    label: string | null;
    n: number;
  }>`select brand_id, dimension, label, sum(mentions)::int as n from (${rollup}
      select f.brand_id::text as brand_id, d.dimension, d.label, 1 as mentions
      from report_messages f
      cross join lateral (values ('voice', f.sentiment), ('reply',
        case when f.answered_at is null then 'unanswered' else 'answered' end)) d(dimension, label)
      where ${factConditions(scope)} and not f.by_brand and ${atWithin(plan.factSpans)}
        and ((d.dimension = 'voice' and f.in_voice) or (d.dimension = 'reply' and f.needs_reply))) v
    group by brand_id, dimension, label`.execute(db);
  const brands = await db
    .selectFrom('brands')
    .select(['id', 'name', 'is_competitor'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('is_competitor')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const result: BrandVoice[] = [];
  for (const brand of brands) {
    const ofBrand = (dimension: string, label?: string) =>
      counted
        .filter(
          (row) =>
            row.brand_id === brand.id &&
            row.dimension === dimension &&
            (label === undefined || row.label === label),
        )
        .reduce((sum, row) => sum + row.n, 0);
    const labelled = (label: string) => ofBrand('voice', label);
    const mentions = ofBrand('voice');
    result.push({
      brandId: brand.id,
      name: brand.name,
      isCompetitor: brand.is_competitor,
      mentions,
      shareOfVoice: null,
      positive: labelled('positive'),
      neutral: labelled('neutral'),
      negative: labelled('negative'),
      unknown: mentions - labelled('positive') - labelled('neutral') - labelled('negative'),
      firstResponse: await summarizeWaits(db, { ...scope, brandId: brand.id }, 'first'),
      responseRate: share(ofBrand('reply', 'answered'), ofBrand('reply')),
    });
  }
  const total = result.reduce((sum, brand) => sum + brand.mentions, 0);
  for (const brand of result) brand.shareOfVoice = share(brand.mentions, total);
  return result;
}
