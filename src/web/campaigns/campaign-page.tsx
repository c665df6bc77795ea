import { useMemo } from 'react';
import type { CampaignDetail, Role } from '../../api/contract.ts';
import { networkName } from '../../domain/networks.ts';
import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { TimeSeriesChart } from '../dashboard/time-series.tsx';
import '../dashboard/dashboard.css';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { formatAbsolute } from '../text/format-time.ts';
import { UserText } from '../text/user-text.tsx';
import { CampaignDraws } from './campaign-draws.tsx';
import { entryModeLabels, reportFigures, shareKindPlurals } from './campaign-labels.ts';
import { CampaignLeaderboard, CountedShares } from './campaign-standing.tsx';
import { useCampaign } from './campaigns-client.ts';
import './campaigns.css';

/** One campaign: its figures, shares over time, leaderboard, every share, and its draws. */
export function CampaignPage(props: { workspaceId: string; campaignId: string; role: Role }) {
  const campaign = useCampaign(props.workspaceId, props.campaignId);
  useDocumentTitle(campaign.data ? campaign.data.name : 'Campaign');
  const data = campaign.data;
  return (
    <section className="settings campaign" aria-labelledby="page-title">
      <p>
        <Link href={paths.section(props.workspaceId, 'campaigns')}>All campaigns</Link>
      </p>
      <h1 id="page-title">{data ? <UserText text={data.name} /> : 'Campaign'}</h1>
      {campaign.isError ? (
        <p role="alert" className="form-error">
          The campaign did not load: {campaign.error.message}
        </p>
      ) : null}
      {campaign.isPending ? <p className="muted">Loading the campaign…</p> : null}
      {data ? (
        <>
          <CampaignRules campaign={data} />
          <CampaignReport campaign={data} />
          <SharesTimeline campaign={data} />
          <CampaignLeaderboard campaign={data} />
          <CountedShares campaign={data} />
          <CampaignDraws {...props} campaign={data} />
        </>
      ) : null}
    </section>
  );
}

function CampaignRules({ campaign }: { campaign: CampaignDetail }) {
  return (
    <p className="muted">
      {formatAbsolute(campaign.startsAt)} – {formatAbsolute(campaign.endsAt)} ·{' '}
      {entryModeLabels[campaign.entryMode]}
      {' · counts '}
      {campaign.shareKinds.map((kind) => shareKindPlurals[kind]).join(', ')}
      {campaign.requiredHashtag ? (
        <>
          {' · must carry #'}
          <UserText text={campaign.requiredHashtag} />
        </>
      ) : null}
      {campaign.excludedAuthorIds.length > 0
        ? ` · ${campaign.excludedAuthorIds.length} staff accounts excluded`
        : ''}
      {campaign.minAccountAgeDays !== null
        ? ` · accounts at least ${campaign.minAccountAgeDays} days old`
        : ''}
      <br />
      Shared posts:{' '}
      {campaign.posts.map((post, index) => (
        <span key={`${post.network}:${post.externalId}`}>
          {index > 0 ? ', ' : ''}
          {networkName(post.network)} <UserText text={post.externalId} />
        </span>
      ))}
    </p>
  );
}

function CampaignReport({ campaign }: { campaign: CampaignDetail }) {
  return (
    <section aria-labelledby="campaign-report">
      <h2 id="campaign-report">Report</h2>
      <dl className="campaign-report">
        {reportFigures(campaign.report).map((figure) => (
          <div key={figure.key}>
            <dt>{figure.label}</dt>
            <dd>{figure.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const utcDay = (iso: string) => iso.slice(0, 10);
const dayMs = 24 * 3600_000;
const wholeCount = (value: number) => String(Math.round(value));

/** The window's days (UTC), from its first up to today or its last, whichever comes first. */
function windowDays(startsAt: string, endsAt: string, now: number): string[] {
  const first = Date.parse(`${utcDay(startsAt)}T00:00:00Z`);
  const last = Math.max(first, Math.min(Date.parse(endsAt) - 1, now));
  const days: string[] = [];
  for (let at = first; at <= last && days.length < 366; at += dayMs) {
    days.push(utcDay(new Date(at).toISOString()));
  }
  return days;
}

/** Counted shares per day (UTC) across the window, up to today: the dashboard's chart. */
function SharesTimeline({ campaign }: { campaign: CampaignDetail }) {
  const { days, series } = useMemo(() => {
    const days = windowDays(campaign.startsAt, campaign.endsAt, Date.now());
    const counts = new Map<string, number>();
    for (const share of campaign.shares) {
      const day = utcDay(share.postedAt);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    return {
      days,
      series: { label: 'Counted shares', values: days.map((day) => counts.get(day) ?? 0) },
    };
  }, [campaign.startsAt, campaign.endsAt, campaign.shares]);
  return (
    <TimeSeriesChart
      title="Counted shares per day (UTC)"
      days={days}
      series={series}
      format={wholeCount}
    />
  );
}
