import { DateTime } from 'luxon';

/** Which slice of a workspace a report covers: a half-open time range and optional dimensions. */
export interface ReportFilter {
  workspaceId: string;
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
  brandId?: string;
  network?: string;
  /** The conversation's current team and assignee (reports follow who owns it now). */
  teamId?: string;
  agentId?: string;
  /** IANA zone that days and hours of the week are counted in. */
  timeZone: string;
}

/** The longest range one report covers: a little over a year, so one query stays bounded. */
export const maxReportDays = 400;

const dayMs = 86_400_000;

/** The last `days` days up to `now`: the range a report covers when none is asked for. */
export function defaultReportRange(now: Date, days = 30): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - days * dayMs), to: now };
}

/** What is wrong with a range, in words a person can act on; undefined when it is usable. */
export function reportRangeProblem(from: Date, to: Date): string | undefined {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    return 'from and to are ISO 8601 dates or timestamps';
  if (to.getTime() <= from.getTime()) return 'to must be later than from';
  if (to.getTime() - from.getTime() > maxReportDays * dayMs)
    return `a report covers at most ${maxReportDays} days`;
  return undefined;
}

/** The local date (YYYY-MM-DD) of an instant in an IANA zone. */
export function localDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? at.toISOString().slice(0, 10);
}

/** True for an IANA zone name luxon (and so PostgreSQL's tz database) knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  return DateTime.local().setZone(timeZone).isValid;
}
