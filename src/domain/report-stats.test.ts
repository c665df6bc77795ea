import { describe, expect, it } from 'vitest';
import { alwaysOpen } from './business-hours.ts';
import {
  percentileCont,
  share,
  summarizeBusinessDurations,
  summarizeDurations,
} from './report-stats.ts';

describe('percentileCont', () => {
  it('interpolates between the closest ranks, as PostgreSQL does', () => {
    expect(percentileCont([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentileCont([600, 1800, 7200], 0.9)).toBeCloseTo(6120);
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([], 0.5)).toBeNull();
  });
});

describe('summarizeDurations', () => {
  it('gives median, p90, mean and the share within an hour, whatever the input order', () => {
    expect(summarizeDurations([7200, 600, 1800])).toEqual({
      count: 3,
      medianSeconds: 1800,
      p90Seconds: 1800 + 0.8 * 5400,
      meanSeconds: 3200,
      withinHourShare: 2 / 3,
    });
  });

  it('counts exactly one hour as within the hour', () => {
    expect(summarizeDurations([3600, 3601]).withinHourShare).toBe(0.5);
  });

  it('says nothing rather than zero for no durations', () => {
    expect(summarizeDurations([])).toMatchObject({
      count: 0,
      medianSeconds: null,
      withinHourShare: null,
    });
  });
});

describe('summarizeBusinessDurations', () => {
  it('leaves out the hours the team is closed', () => {
    const hours = {
      timeZone: 'Europe/London',
      week: {
        friday: [{ start: '09:00', end: '17:00' }],
        monday: [{ start: '09:00', end: '17:00' }],
      },
      holidays: [],
    };
    // Friday 16:00 → Monday 10:00 (London, winter = UTC): one open hour each side.
    const span = { from: new Date('2026-01-09T16:00:00Z'), to: new Date('2026-01-12T10:00:00Z') };
    expect(summarizeBusinessDurations([span], hours).medianSeconds).toBe(7200);
    expect(summarizeBusinessDurations([span], alwaysOpen()).medianSeconds).toBe(66 * 3600);
  });
});

describe('share', () => {
  it('divides, or is null for an empty whole', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 0)).toBeNull();
  });
});
