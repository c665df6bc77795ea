import { useMemo } from 'react';
import { Link } from '../app/link.tsx';
import { navigate, paths } from '../app/router.ts';
import { useBrands } from '../api/settings-queries.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { HeatMap, VolumeBars } from './charts.tsx';
import { QualityTrend } from './quality-trend.tsx';
import { ReviewsSummary } from './reviews-report.tsx';
import { TimeSeriesChart } from './time-series.tsx';
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

/** Days the period picker offers; anything else in the URL falls back to 30. */
const rangeDays = new Set(ranges.map((range) => range.days));

function filterFromUrl(): DashboardFilter {
  const search = new URLSearchParams(window.location.search);
  const days = Number(search.get('days'));
  return {
    days: rangeDays.has(days) ? days : 30,
    brandId: search.get('brandId')?.slice(0, 100) ?? '',
  };
}

/** A local calendar day `YYYY-MM-DD` as the instant it starts (the browser's zone is the report's). */
function startOfDay(day: string, offsetDays = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + offsetDays);
}

/** The previous period's values lined up with this period's days (same count, oldest first). */
function alignPrevious<T>(
  items: T[] | undefined,
  length: number,
  value: (item: T) => number | null,
) {
  if (!items) return undefined;
  const tail = items.slice(-length).map(value);
  return [...Array<number | null>(Math.max(0, length - tail.length)).fill(null), ...tail];
}

const minutes = (seconds: number) => formatDuration(seconds);
const percent = (share: number) => `${Math.round(share * 100)} %`;
const count = (value: number) => Math.round(value).toLocaleString();
const net = (value: number) => value.toFixed(2);
const score = (value: number) => value.toFixed(1);

/** The reports of a workspace: headline measures, volume, the week's rhythm and sentiment. */
export function DashboardPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle('Reports');
  const filter = filterFromUrl();
  const setFilter = (next: DashboardFilter) => {
    const search = new URLSearchParams();
    if (next.days !== 30) search.set('days', String(next.days));
    if (next.brandId) search.set('brandId', next.brandId);
    const query = search.toString();
    navigate(`${paths.section(workspaceId, 'reports')}${query ? `?${query}` : ''}`, {
      replace: true,
    });
  };
  // One "now" per filter, so every report of a view covers the same range; the previous
  // period is the same length just before it.
  const filterKey = `${filter.days}:${filter.brandId}`;
  const { query, previousQuery, from, to } = useMemo(() => {
    const now = new Date();
    const earlier = new Date(now.getTime() - filter.days * 86_400_000);
    return {
      query: reportQuery(filter, now),
      previousQuery: reportQuery(filter, earlier),
      from: earlier,
      to: now,
    };
  }, [filterKey]);
  const brands = useBrands(workspaceId);
  const responses = useReport(workspaceId, 'responses', query);
  const previousResponses = useReport(workspaceId, 'responses', previousQuery);
  const flow = useReport(workspaceId, 'flow', query);
  const volume = useReport(workspaceId, 'volume', query);
  const heatMap = useReport(workspaceId, 'heat-map', query);
  const sentiment = useReport(workspaceId, 'sentiment', query);
  const previousSentiment = useReport(workspaceId, 'sentiment', previousQuery);
  const sentimentChange = useReport(workspaceId, 'sentiment-change', query);
  const daily = useReport(workspaceId, 'daily', query);
  const previousDaily = useReport(workspaceId, 'daily', previousQuery);
  const csat = useReport(workspaceId, 'csat', query);
  const previousCsat = useReport(workspaceId, 'csat', previousQuery);
  const reviews = useReport(workspaceId, 'reviews', query);
  const quality = useReport(workspaceId, 'quality', query);
  const failed = [responses, flow, volume, heatMap, sentiment, sentimentChange, daily, csat].find(
    (report) => report.error,
  );

  /** The inbox holding the conversations behind a figure: opened in the span, any status. */
  const inboxHref = (span: { from: Date; to: Date }, more: Record<string, string> = {}) => {
    const search = new URLSearchParams({
      status: 'new,open,pending,snoozed,resolved',
      openedFrom: span.from.toISOString(),
      openedTo: span.to.toISOString(),
      ...(filter.brandId ? { brandId: filter.brandId } : {}),
      ...more,
    });
    return paths.inbox(workspaceId, search);
  };
  const period = { from, to };
  const openDay = (day: string) =>
    navigate(inboxHref({ from: startOfDay(day), to: startOfDay(day, 1) }));
  const filterNames: Record<string, string> = {
    network: 'network',
    sentiment: 'sentiment',
    socialIntent: 'socialIntent',
    intent: 'intent',
    brand: 'brandId',
  };
  const byDimension = (dimension: string) =>
    (volume.data?.items ?? [])
      .filter((item) => item.dimension === dimension)
      .map((item) => ({
        label: item.value ?? 'not known',
        count: item.mentions,
        ...(item.value && filterNames[dimension] && dimension !== 'brand'
          ? { href: inboxHref(period, { [filterNames[dimension]!]: item.value }) }
          : {}),
      }));
  const csv = (name: keyof Reports) =>
    `/api/v1${reportPath(workspaceId, name)}?${query}&format=csv`;

  const days = useMemo(() => daily.data?.items.map((item) => item.day) ?? [], [daily.data]);
  const charts = useMemo(() => {
    const points = daily.data?.items ?? [];
    const before = previousDaily.data?.items;
    const line = <T,>(
      label: string,
      items: T[],
      previous: T[] | undefined,
      value: (item: T) => number | null,
    ) => ({
      label,
      values: items.slice(-points.length).map(value),
      ...(previous ? { previous: alignPrevious(previous, points.length, value)! } : {}),
    });
    return {
      mentions: line('Mentions', points, before, (d) => d.mentions),
      firstResponse: line(
        'Median first response',
        points,
        before,
        (d) => d.firstResponseMedianSeconds,
      ),
      withinHour: line('Answered within the hour', points, before, (d) => d.withinHourShare),
      sla: line('First response within SLA', points, before, (d) => d.slaWithinShare),
      sentiment: line(
        'Net sentiment',
        sentiment.data?.items ?? [],
        previousSentiment.data?.items,
        (d) => d.net,
      ),
      csat: line(
        'Average CSAT',
        csat.data?.trend ?? [],
        previousCsat.data?.trend,
        (d) => d.averageScore,
      ),
    };
  }, [
    daily.data,
    previousDaily.data,
    sentiment.data,
    previousSentiment.data,
    csat.data,
    previousCsat.data,
  ]);
  const measuresLoading = responses.isPending || flow.isPending;
  const before = previousResponses.data;
  const versus = (
    now: number | null | undefined,
    then: number | null | undefined,
    show: (v: number) => string,
  ) =>
    then === null || then === undefined || now === null || now === undefined
      ? ''
      : ` · previous period ${show(then)}`;

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
      <dl className="dashboard-measures" aria-busy={measuresLoading}>
        <Measure
          loading={measuresLoading}
          href={inboxHref(period)}
          term="First response (median)"
          value={formatDuration(responses.data?.firstResponse.medianSeconds ?? null)}
          note={`p90 ${formatDuration(responses.data?.firstResponse.p90Seconds ?? null)}${versus(responses.data?.firstResponse.medianSeconds, before?.firstResponse.medianSeconds, minutes)}`}
        />
        <Measure
          loading={measuresLoading}
          href={inboxHref(period)}
          term="Answered within an hour"
          value={formatShare(responses.data?.firstResponse.withinHourShare ?? null)}
          note={`${responses.data?.firstResponse.count ?? 0} first responses${versus(responses.data?.firstResponse.withinHourShare, before?.firstResponse.withinHourShare, percent)}`}
        />
        <Measure
          loading={measuresLoading}
          href={inboxHref(period)}
          term="Response rate"
          value={formatShare(responses.data?.responseRate ?? null)}
          note={`${responses.data?.answered ?? 0} of ${responses.data?.needingReply ?? 0} mentions${versus(responses.data?.responseRate, before?.responseRate, percent)}`}
        />
        <Measure
          loading={measuresLoading}
          href={inboxHref(period)}
          term="Next response (median)"
          value={formatDuration(responses.data?.nextResponse.medianSeconds ?? null)}
          note={`p90 ${formatDuration(responses.data?.nextResponse.p90Seconds ?? null)}`}
        />
        <Measure
          loading={measuresLoading}
          href={inboxHref(period, { status: 'resolved' })}
          term="Resolution (median)"
          value={formatDuration(flow.data?.resolution.medianSeconds ?? null)}
          note={`${flow.data?.resolutions ?? 0} resolved`}
        />
        <Measure
          loading={measuresLoading}
          href={inboxHref(period)}
          term="Reopened"
          value={formatShare(flow.data?.reopenRate ?? null)}
          note={`${flow.data?.transfers ?? 0} transfers`}
        />
      </dl>
      <div className="dashboard-grid">
        <TimeSeriesChart
          title="Mentions per day"
          days={days}
          series={charts.mentions}
          format={count}
          onPick={openDay}
          pickLabel="open that day's conversations"
          loading={daily.isPending}
        />
        <TimeSeriesChart
          title="First response, median per day"
          days={days}
          series={charts.firstResponse}
          format={minutes}
          onPick={openDay}
          pickLabel="open that day's conversations"
          loading={daily.isPending}
        />
        <TimeSeriesChart
          title="Answered within the hour, per day"
          days={days}
          series={charts.withinHour}
          format={percent}
          onPick={openDay}
          pickLabel="open that day's conversations"
          loading={daily.isPending}
        />
        <TimeSeriesChart
          title="First response within SLA, per day"
          days={days}
          series={charts.sla}
          format={percent}
          onPick={openDay}
          pickLabel="open that day's conversations"
          loading={daily.isPending}
        />
        <TimeSeriesChart
          title="Net sentiment per day (positive minus negative, −1 to 1)"
          days={sentiment.data?.items.map((item) => item.day) ?? []}
          series={charts.sentiment}
          format={net}
          onPick={openDay}
          pickLabel="open that day's conversations"
          loading={sentiment.isPending}
        />
        <TimeSeriesChart
          title="CSAT, average rating per day (1 to 5)"
          days={csat.data?.trend.map((item) => item.day) ?? []}
          series={charts.csat}
          format={score}
          loading={csat.isPending}
        />
        {quality.data ? <QualityTrend items={quality.data.items} /> : null}
        <VolumeBars
          title="Mentions by network"
          items={byDimension('network')}
          loading={volume.isPending}
        />
        <VolumeBars
          title="Mentions by brand"
          items={byDimension('brand')}
          loading={volume.isPending}
        />
        <VolumeBars
          title="Mentions by sentiment"
          items={byDimension('sentiment')}
          loading={volume.isPending}
        />
        <VolumeBars
          title="Mentions by what the author does"
          items={byDimension('socialIntent')}
          loading={volume.isPending}
        />
        <VolumeBars
          title="Mentions by intent"
          items={byDimension('intent')}
          loading={volume.isPending}
        />
        {heatMap.data && <HeatMap cells={heatMap.data.items} />}
        {sentimentChange.data && <SentimentChangeTable rows={sentimentChange.data.items} />}
        {reviews.data && reviews.data.reviews > 0 ? <ReviewsSummary report={reviews.data} /> : null}
      </div>
      <p className="dashboard-downloads">
        Download as CSV: <a href={csv('responses')}>response times</a>,{' '}
        <a href={csv('flow')}>resolutions and transfers</a>, <a href={csv('volume')}>volume</a>,{' '}
        <a href={csv('daily')}>day by day</a>, <a href={csv('heat-map')}>hours of the week</a>,{' '}
        <a href={csv('sentiment')}>sentiment</a>,{' '}
        <a href={csv('sentiment-change')}>sentiment after the first answer</a>,{' '}
        <a href={csv('reviews')}>review ratings by day</a>,{' '}
        <a href={csv('quality')}>quality review scores by week</a>
      </p>
    </section>
  );
}

function Measure({
  term,
  value,
  note,
  href,
  loading,
}: {
  term: string;
  value: string;
  note: string;
  href: string;
  loading: boolean;
}) {
  return (
    <div className="dashboard-measure">
      <dt>
        <Link href={href}>{term}</Link>
      </dt>
      <dd>
        {loading ? (
          <span className="skeleton skeleton--value" aria-label="Loading" />
        ) : (
          <span className="dashboard-measure__value">{value}</span>
        )}
        <span className="dashboard-measure__note">{loading ? '' : note}</span>
      </dd>
    </div>
  );
}
