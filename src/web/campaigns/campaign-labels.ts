import type { CampaignDetail, CampaignMessageReview } from '../../api/contract.ts';
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
