import { describe, expect, it } from 'vitest';
import { fillHeatMap, sentimentTrend } from './report-series.ts';

describe('fillHeatMap', () => {
  it('gives all 168 hours, Monday midnight first, keeping the counted ones', () => {
    const grid = fillHeatMap([{ weekday: 7, hour: 23, customerMessages: 3, teamReplies: 1 }]);
    expect(grid).toHaveLength(168);
    expect(grid[0]).toEqual({ weekday: 1, hour: 0, customerMessages: 0, teamReplies: 0 });
    expect(grid[167]).toEqual({ weekday: 7, hour: 23, customerMessages: 3, teamReplies: 1 });
  });
});

describe('sentimentTrend', () => {
  it('has a row per day, empty days included, with the net score of assessed mentions', () => {
    const days = sentimentTrend(
      [
        { day: '2026-02-28', sentiment: 'positive', count: 3 },
        { day: '2026-02-28', sentiment: 'negative', count: 1 },
        { day: '2026-02-28', sentiment: null, count: 2 },
        { day: '2026-03-01', sentiment: 'neutral', count: 2 },
      ],
      '2026-02-28',
      '2026-03-02',
    );
    expect(days).toEqual([
      { day: '2026-02-28', positive: 3, neutral: 0, negative: 1, unknown: 2, net: 0.5 },
      { day: '2026-03-01', positive: 0, neutral: 2, negative: 0, unknown: 0, net: 0 },
      { day: '2026-03-02', positive: 0, neutral: 0, negative: 0, unknown: 0, net: null },
    ]);
  });

  it('ignores rows outside the range', () => {
    const days = sentimentTrend(
      [{ day: '2025-01-01', sentiment: 'negative', count: 9 }],
      '2026-01-01',
      '2026-01-01',
    );
    expect(days[0]!.negative).toBe(0);
  });
});
