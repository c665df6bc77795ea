import { useMemo, useState } from 'react';
import { useBrands } from '../api/settings-queries.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { HeatMap, SentimentTrend, VolumeBars } from './charts.tsx';
import { ReviewsSummary } from './reviews-report.tsx';
import { SentimentChangeTable } from './sentiment-change.tsx';
import {
  formatDuration,
  formatShare,
  reportPath,
  reportQuery,
  useReport,
  type DashboardFilter,
} from './reports-client.ts';
import './dashboard.css';
import type { Reports } from '../../api/contract.ts';

const ranges = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last 365 days' },
];

/** The reports of a workspace: headline measures, volume, the week's rhythm and sentiment. */
export function DashboardPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle('Reports');
  const [filter, setFilter] = useState<DashboardFilter>({ days: 30, brandId: '' });
  // One "now" per filter, so every report of a view covers the same range.
  const query = useMemo(() => reportQuery(filter, new Date()), [filter]);
  const brands = useBrands(workspaceId);
  const responses = useReport(workspaceId, 'responses', query);
  const flow = useReport(workspaceId, 'flow', query);
  const volume = useReport(workspaceId, 'volume', query);
  const heatMap = useReport(workspaceId, 'heat-map', query);
  const sentiment = useReport(workspaceId, 'sentiment', query);
  const sentimentChange = useReport(workspaceId, 'sentiment-change', query);
  const reviews = useReport(workspaceId, 'reviews', query);
  const failed = [responses, flow, volume, heatMap, sentiment, sentimentChange].find(
    (report) => report.error,
  );
  const byDimension = (dimension: string) =>
    (volume.data?.items ?? [])
      .filter((item) => item.dimension === dimension)
      .map((item) => ({ label: item.value ?? 'not known', count: item.mentions }));
  const csv = (name: keyof Reports) =>
    `/api/v1${reportPath(workspaceId, name)}?${query}&format=csv`;

  return (
    <section className="dashboard" aria-labelledby="page-title">
      <h1 id="page-title">Reports</h1>
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          Period
          <select
            value={filter.days}
            onChange={(event) => setFilter({ ...filter, days: Number(event.target.value) })}
          >
            {ranges.map((range) => (
              <option key={range.days} value={range.days}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Brand
          <select
            value={filter.brandId}
            onChange={(event) => setFilter({ ...filter, brandId: event.target.value })}
          >
            <option value="">All brands</option>
            {(brands.data?.items ?? []).map((brand) => (
              <option key={brand.id} value={brand.id}>
                {brand.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {failed?.error && (
        <p role="alert" className="dashboard-error">
          The reports could not be loaded: {failed.error.message}
        </p>
      )}
      <dl className="dashboard-measures" aria-busy={responses.isPending || flow.isPending}>
        <Measure
          term="First response (median)"
          value={formatDuration(responses.data?.firstResponse.medianSeconds ?? null)}
          note={`p90 ${formatDuration(responses.data?.firstResponse.p90Seconds ?? null)}`}
        />
        <Measure
          term="Answered within an hour"
          value={formatShare(responses.data?.firstResponse.withinHourShare ?? null)}
          note={`${responses.data?.firstResponse.count ?? 0} first responses`}
        />
        <Measure
          term="Response rate"
          value={formatShare(responses.data?.responseRate ?? null)}
          note={`${responses.data?.answered ?? 0} of ${responses.data?.needingReply ?? 0} mentions`}
        />
        <Measure
          term="Next response (median)"
          value={formatDuration(responses.data?.nextResponse.medianSeconds ?? null)}
          note={`p90 ${formatDuration(responses.data?.nextResponse.p90Seconds ?? null)}`}
        />
        <Measure
          term="Resolution (median)"
          value={formatDuration(flow.data?.resolution.medianSeconds ?? null)}
          note={`${flow.data?.resolutions ?? 0} resolved`}
        />
        <Measure
          term="Reopened"
          value={formatShare(flow.data?.reopenRate ?? null)}
          note={`${flow.data?.transfers ?? 0} transfers`}
        />
      </dl>
      <div className="dashboard-grid">
        <VolumeBars title="Mentions by network" items={byDimension('network')} />
        <VolumeBars title="Mentions by brand" items={byDimension('brand')} />
        <VolumeBars title="Mentions by sentiment" items={byDimension('sentiment')} />
        <VolumeBars title="Mentions by what the author does" items={byDimension('socialIntent')} />
        <VolumeBars title="Mentions by intent" items={byDimension('intent')} />
        {sentiment.data && <SentimentTrend days={sentiment.data.items} />}
        {heatMap.data && <HeatMap cells={heatMap.data.items} />}
        {sentimentChange.data && <SentimentChangeTable rows={sentimentChange.data.items} />}
        {reviews.data && reviews.data.reviews > 0 ? <ReviewsSummary report={reviews.data} /> : null}
      </div>
      <p className="dashboard-downloads">
        Download as CSV: <a href={csv('responses')}>response times</a>,{' '}
        <a href={csv('flow')}>resolutions and transfers</a>, <a href={csv('volume')}>volume</a>,{' '}
        <a href={csv('heat-map')}>hours of the week</a>, <a href={csv('sentiment')}>sentiment</a>,{' '}
        <a href={csv('sentiment-change')}>sentiment after the first answer</a>,{' '}
        <a href={csv('reviews')}>review ratings by day</a>
      </p>
    </section>
  );
}

function Measure({ term, value, note }: { term: string; value: string; note: string }) {
  return (
    <div className="dashboard-measure">
      <dt>{term}</dt>
      <dd>
        <span className="dashboard-measure__value">{value}</span>
        <span className="dashboard-measure__note">{note}</span>
      </dd>
    </div>
  );
}
