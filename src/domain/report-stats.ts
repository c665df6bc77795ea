import { businessMinutesBetween } from './business-hours.ts';
import type { BusinessHours } from './business-hours.ts';

/** Median, p90 and mean of a set of durations, and the share that were short enough. */
export interface DurationSummary {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  meanSeconds: number | null;
  /** Share (0–1) of durations within one hour; null when there are none. */
  withinHourShare: number | null;
}

export const hourSeconds = 3600;

/**
 * A percentile by linear interpolation between the closest ranks: what PostgreSQL's
 * percentile_cont computes, so figures summed here and in SQL agree.
 */
export function percentileCont(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = fraction * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Summarises durations in seconds (the business-hours path, where SQL cannot do the maths). */
export function summarizeDurations(seconds: readonly number[]): DurationSummary {
  if (seconds.length === 0) return emptyDurationSummary;
  const sorted = [...seconds].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    medianSeconds: percentileCont(sorted, 0.5),
    p90Seconds: percentileCont(sorted, 0.9),
    meanSeconds: total / sorted.length,
    withinHourShare: sorted.filter((value) => value <= hourSeconds).length / sorted.length,
  };
}

export const emptyDurationSummary: DurationSummary = {
  count: 0,
  medianSeconds: null,
  p90Seconds: null,
  meanSeconds: null,
  withinHourShare: null,
};

/** part / whole, or null when there is nothing to divide (no "0 %" for an empty period). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** A span to measure: from when the customer was waiting to when they had their answer. */
interface WaitSpan {
  from: Date;
  to: Date;
}

/** Summarises spans counted in open hours only (nights, weekends and holidays left out). */
export function summarizeBusinessDurations(
  spans: readonly WaitSpan[],
  hours: BusinessHours,
): DurationSummary {
  return summarizeDurations(
    spans.map((span) => businessMinutesBetween(span.from, span.to, hours) * 60),
  );
}
