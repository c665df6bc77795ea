import type { ReviewQueueItem } from '../../api/contract.ts';

export const reasonLabels: Record<ReviewQueueItem['reasons'][number], string> = {
  low_csat: 'Low CSAT',
  viral: 'Viral',
  tone_flagged: 'Tone-flagged',
  negative: 'Negative',
};

/** "82.5 / 100". */
export const formatQualityScore = (score: number) => `${score.toFixed(1)} / 100`;

/** The Monday `days` days after a week's Monday, as YYYY-MM-DD. */
export function shiftWeek(week: string, days: number): string {
  const start = new Date(`${week}T00:00:00Z`);
  return new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
