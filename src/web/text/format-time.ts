const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 25 min", "3 hr ago": the distance between `iso` and `now`, for lists and due times. */
export function formatRelative(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  if (Number.isNaN(diff)) return 'unknown time';
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return relative.format(Math.trunc(diff / ms), unit);
  }
  return relative.format(0, 'minute');
}

/** 90 minutes → "1 hr", 5 minutes → "5 min": how long, without "ago" or "in". */
export function formatDuration(ms: number): string {
  for (const [unit, size] of units) {
    if (Math.abs(ms) >= size) return durationFormat(unit).format(Math.trunc(Math.abs(ms) / size));
  }
  return durationFormat('minute').format(0);
}

const durationFormat = (unit: string) =>
  new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short' });

export function formatAbsolute(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : absolute.format(time);
}

/** 1234 → "1.2K": follower counts are for a glance, not for accounting. */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact' }).format(count);
}
