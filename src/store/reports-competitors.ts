import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../domain/report-filter.ts';
import { share } from '../domain/report-stats.ts';
import type { DurationSummary } from '../domain/report-stats.ts';
import { findResponseReport } from './reports-responses.ts';
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
 * not (the report compares brands, and competitors' conversations have no team).
 */
export async function findCompetitorReport(
  db: Kysely<Database>,
  filter: ReportFilter,
): Promise<BrandVoice[]> {
  const network = filter.network ? sql`and c.network = ${filter.network}` : sql``;
  const { rows } = await sql<{
    id: string;
    name: string;
    is_competitor: boolean;
    sentiment: string | null;
    mentions: number;
  }>`select b.id, b.name, b.is_competitor, x.sentiment, coalesce(x.mentions, 0)::int as mentions
    from brands b left join (
      select c.brand_id, m.triage->>'sentiment' as sentiment, count(*)::int as mentions
      from mentions m join conversations c on c.id = m.conversation_id
      where m.workspace_id = ${filter.workspaceId} and c.workspace_id = ${filter.workspaceId}
        and not m.from_brand and m.hidden_at is null
        and coalesce((m.triage->>'spam')::boolean, false) = false
        and m.posted_at >= ${filter.from} and m.posted_at < ${filter.to} ${network}
      group by 1, 2) x on x.brand_id = b.id
    where b.workspace_id = ${filter.workspaceId}
    order by b.is_competitor, b.name, b.id`.execute(db);
  const total = rows.reduce((sum, row) => sum + row.mentions, 0);
  const brands: BrandVoice[] = [];
  for (const row of rows) {
    let brand = brands.find((known) => known.brandId === row.id);
    if (!brand) {
      // One brand at a time: the same timeline as the responses report, narrowed to the brand.
      const responses = await findResponseReport(db, {
        workspaceId: filter.workspaceId,
        from: filter.from,
        to: filter.to,
        timeZone: filter.timeZone,
        brandId: row.id,
        ...(filter.network ? { network: filter.network } : {}),
      });
      brand = {
        brandId: row.id,
        name: row.name,
        isCompetitor: row.is_competitor,
        mentions: 0,
        shareOfVoice: null,
        positive: 0,
        neutral: 0,
        negative: 0,
        unknown: 0,
        firstResponse: responses.firstResponse,
        responseRate: responses.responseRate,
      };
      brands.push(brand);
    }
    brand.mentions += row.mentions;
    const label = row.sentiment;
    if (label === 'positive' || label === 'neutral' || label === 'negative')
      brand[label] += row.mentions;
    else if (row.mentions > 0) brand.unknown += row.mentions;
  }
  for (const brand of brands) brand.shareOfVoice = share(brand.mentions, total);
  return brands;
}
