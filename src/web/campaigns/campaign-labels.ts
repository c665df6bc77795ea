import type { CampaignDetail, CampaignMessageReview } from '../../api/contract.ts';
import type { ShareKind } from '../../domain/campaign.ts';
import { formatCount } from '../text/format-time.ts';

type Report = CampaignDetail['report'];
type SkipReason = NonNullable<CampaignMessageReview['winners'][number]['cannotSend']>;

const money = (cents: number) =>
  new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    cents / 100,
  );

const sentimentText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([sentiment, count]) => `${sentiment} ${count}`)
    .join(', ') || 'none yet';

export const shareKindLabels: Record<ShareKind, string> = {
  reply: 'reply',
  quote: 'quote',
  repost: 'repost',
};

export const shareKindPlurals: Record<ShareKind, string> = {
  reply: 'replies',
  quote: 'quotes',
  repost: 'reposts',
};

const refusalLabels: Record<string, string> = {
  kind_not_counted: 'a kind this campaign does not count',
  outside_window: 'outside the window',
  missing_hashtag: 'without the hashtag',
  excluded_author: 'by the brand or an excluded account',
  spam: 'spam',
  account_age_unknown: 'account age not known yet',
  account_too_young: 'account too young',
};

/** Counts by kind, as "2 replies, 1 quote"; kinds without any left out. */
export function byKindText(counts: Partial<Record<ShareKind, number>>): string {
  return (
    Object.entries(counts)
      .filter(([, count]) => (count ?? 0) > 0)
      .map(([kind, count]) => `${shareKindLabels[kind as ShareKind] ?? kind} ${count}`)
      .join(', ') || 'none yet'
  );
}

/**
 * How each report figure reads, in the order shown. A figure the API adds shows up by itself
 * (by its name) until it gets a row here.
 */
export const reportRows: Array<{ key: string; label: string; show: (value: unknown) => string }> = [
  { key: 'shares', label: 'Counted shares', show: (v) => formatCount(v as number) },
  { key: 'uniqueSharers', label: 'People sharing', show: (v) => formatCount(v as number) },
  { key: 'reach', label: 'Reach (their followers)', show: (v) => formatCount(v as number) },
  {
    key: 'sentiment',
    label: 'Sentiment of the shares',
    show: (v) => sentimentText(v as Record<string, number>),
  },
  {
    key: 'costPerShareCents',
    label: 'Cost per share',
    show: (v) => (v === null ? 'no budget entered' : money(v as number)),
  },
  {
    key: 'sharesByKind',
    label: 'Shares by kind',
    show: (v) => byKindText(v as Record<ShareKind, number>),
  },
  {
    key: 'refused',
    label: 'Heard but not counted',
    show: (v) =>
      Object.entries(v as Record<string, number>)
        .map(([reason, count]) => `${refusalLabels[reason] ?? reason}: ${count}`)
        .join(', ') || 'none',
  },
  {
    key: 'newVoices',
    label: 'New voices (first heard during the campaign)',
    show: (v) => {
      const voices = v as { count: number; listed: Array<{ authorHandle: string }> };
      const names = voices.listed.slice(0, 5).map((voice) => `@${voice.authorHandle}`);
      const more = voices.count > names.length ? ', …' : '';
      return names.length > 0
        ? `${formatCount(voices.count)} (${names.join(', ')}${more})`
        : formatCount(voices.count);
    },
  },
];

/** A report figure without a row above: numbers as numbers, anything else as plain text. */
export function showUnknownFigure(value: unknown): string {
  if (typeof value === 'number') return formatCount(value);
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return sentimentText(value as Record<string, number>);
  return String(value);
}

export function reportFigures(report: Report): Array<{ key: string; label: string; text: string }> {
  const values = report as Record<string, unknown>;
  const known = reportRows
    .filter((row) => row.key in values)
    .map((row) => ({ key: row.key, label: row.label, text: row.show(values[row.key]) }));
  const others = Object.keys(values)
    .filter((key) => !reportRows.some((row) => row.key === key))
    .map((key) => ({ key, label: key, text: showUnknownFigure(values[key]) }));
  return [...known, ...others];
}

export const cannotSendLabels: Record<SkipReason, string> = {
  post_deleted: 'the post was deleted on the network',
  post_not_heard: 'Earshot never heard the post, so there is nothing to reply to',
  network_without_replies: 'Earshot cannot reply on this network',
  already_messaged: 'already messaged for an earlier draw of this campaign',
};

export const entryModeLabels = {
  per_person: 'one entry per person',
  per_share: 'one entry per counted share',
} as const;

export const drawMethodLabels = {
  most_shares: 'Most shares',
  random: 'Random draw',
} as const;
