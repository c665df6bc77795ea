/** One cell of the hour-of-week heat map: ISO weekday (1 = Monday … 7 = Sunday), hour 0–23. */
export interface HeatCell {
  weekday: number;
  hour: number;
  customerMessages: number;
  teamReplies: number;
}

/**
 * All 168 hours of the week, Monday 00:00 first, with zeros where nothing happened: a chart
 * needs the empty hours as much as the busy ones.
 */
export function fillHeatMap(cells: readonly HeatCell[]): HeatCell[] {
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell]));
  const grid: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const found = byKey.get(`${weekday}:${hour}`);
      grid.push({
        weekday,
        hour,
        customerMessages: found?.customerMessages ?? 0,
        teamReplies: found?.teamReplies ?? 0,
      });
    }
  }
  return grid;
}

/** How customers felt on one day. */
export interface SentimentDay {
  day: string;
  positive: number;
  neutral: number;
  negative: number;
  /** Mentions with another label or none (not assessed). */
  unknown: number;
  /** (positive − negative) / assessed mentions, −1…1; null on a day with none assessed. */
  net: number | null;
}

const labels = ['positive', 'neutral', 'negative'] as const;

/**
 * Turns (day, sentiment, count) rows into one row per day from `firstDay` to `lastDay`
 * (YYYY-MM-DD, inclusive), days without mentions included.
 */
export function sentimentTrend(
  rows: ReadonlyArray<{ day: string; sentiment: string | null; count: number }>,
  firstDay: string,
  lastDay: string,
): SentimentDay[] {
  const days = new Map<string, SentimentDay>();
  for (let day = firstDay; day <= lastDay; day = nextDay(day)) {
    days.set(day, { day, positive: 0, neutral: 0, negative: 0, unknown: 0, net: null });
  }
  for (const row of rows) {
    const entry = days.get(row.day);
    if (!entry) continue;
    const label = labels.find((known) => known === row.sentiment);
    if (label) entry[label] += row.count;
    else entry.unknown += row.count;
  }
  for (const entry of days.values()) {
    const assessed = entry.positive + entry.neutral + entry.negative;
    entry.net = assessed === 0 ? null : (entry.positive - entry.negative) / assessed;
  }
  return [...days.values()];
}

/** Every day from `firstDay` to `lastDay` (YYYY-MM-DD, inclusive). */
export function dayRange(firstDay: string, lastDay: string): string[] {
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = nextDay(day)) days.push(day);
  return days;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}
