import { describe, expect, it } from 'vitest';
import {
  defaultReportRange,
  isKnownTimeZone,
  localDay,
  reportRangeProblem,
} from './report-filter.ts';

describe('report ranges', () => {
  it('defaults to the last 30 days', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(defaultReportRange(now)).toEqual({ from: new Date('2026-03-01T12:00:00Z'), to: now });
  });

  it('refuses an empty, reversed, unreadable or too long range', () => {
    const day = new Date('2026-03-01T00:00:00Z');
    expect(reportRangeProblem(day, day)).toMatch(/later/);
    expect(reportRangeProblem(new Date('x'), day)).toMatch(/ISO 8601/);
    expect(reportRangeProblem(day, new Date('2027-06-01T00:00:00Z'))).toMatch(/at most 400 days/);
    expect(reportRangeProblem(day, new Date('2026-03-02T00:00:00Z'))).toBeUndefined();
  });

  it('knows local days and time zones', () => {
    expect(localDay(new Date('2026-03-02T03:00:00Z'), 'America/New_York')).toBe('2026-03-01');
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
