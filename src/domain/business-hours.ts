import { DateTime } from 'luxon';

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
type Weekday = (typeof weekdays)[number];

/** One opening on a day, in the team's local time: "09:00"–"17:30"; "24:00" ends at midnight. */
interface OpeningInterval {
  start: string;
  end: string;
}

/** When a team answers: weekly local hours in an IANA time zone, minus holidays (local dates). */
export interface BusinessHours {
  timeZone: string;
  week: Partial<Record<Weekday, OpeningInterval[]>>;
  /** Local dates on which the team is closed all day, as YYYY-MM-DD. */
  holidays: string[];
}

/** Around the clock, every day: what "24/7" means. */
export function alwaysOpen(timeZone = 'UTC'): BusinessHours {
  const allDay = [{ start: '00:00', end: '24:00' }];
  return { timeZone, week: Object.fromEntries(weekdays.map((day) => [day, allDay])), holidays: [] };
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Problems with a schedule, in words an admin can act on; empty when it is usable. */
export function validateBusinessHours(hours: BusinessHours): string[] {
  const problems: string[] = [];
  if (!DateTime.local().setZone(hours.timeZone).isValid)
    problems.push(`unknown time zone "${hours.timeZone}"`);
  for (const day of weekdays) {
    for (const interval of hours.week[day] ?? []) {
      if (!timePattern.test(interval.start) || !timePattern.test(interval.end)) {
        problems.push(
          `${day}: times are HH:MM (00:00–24:00), got ${interval.start}–${interval.end}`,
        );
      } else if (interval.start >= interval.end) {
        problems.push(`${day}: ${interval.start}–${interval.end} ends before it starts`);
      }
    }
  }
  for (const holiday of hours.holidays) {
    if (!DateTime.fromISO(holiday, { zone: hours.timeZone }).isValid)
      problems.push(`holiday "${holiday}" is not a YYYY-MM-DD date`);
  }
  if (weekdays.every((day) => (hours.week[day] ?? []).length === 0))
    problems.push('the team is never open');
  return problems;
}

function localInstant(day: DateTime, time: string): DateTime {
  if (time === '24:00') return day.startOf('day').plus({ days: 1 });
  const [hour, minute] = time.split(':').map(Number);
  // A time inside a spring-forward gap does not exist; luxon moves it forward, as a clock would.
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 });
}

/** The opening intervals of the local day containing `day`, as instants (empty on holidays). */
function openingsOn(day: DateTime, hours: BusinessHours): Array<[DateTime, DateTime]> {
  if (hours.holidays.includes(day.toISODate()!)) return [];
  const name = weekdays[day.weekday - 1]!;
  return (hours.week[name] ?? [])
    .map((interval): [DateTime, DateTime] => [
      localInstant(day, interval.start),
      localInstant(day, interval.end),
    ])
    .sort((a, b) => a[0].toMillis() - b[0].toMillis());
}

// Far enough for any real schedule (a year of holidays), near enough to stop on a broken one.
const searchDays = 400;

/** Walks the openings from `from` on, in order, each clipped to start no earlier than `from`. */
function* openingsFrom(from: Date, hours: BusinessHours): Generator<[number, number]> {
  const start = DateTime.fromJSDate(from, { zone: hours.timeZone });
  for (let offset = -1; offset <= searchDays; offset++) {
    const day = start.startOf('day').plus({ days: offset });
    for (const [open, close] of openingsOn(day, hours)) {
      const begin = Math.max(open.toMillis(), from.getTime());
      if (close.toMillis() > begin) yield [begin, close.toMillis()];
    }
  }
}

export function isOpen(at: Date, hours: BusinessHours): boolean {
  const next = openingsFrom(at, hours).next();
  return !next.done && next.value[0] === at.getTime();
}

/** When the team is next open (now, if it is open); undefined if never within a year. */
export function nextOpening(at: Date, hours: BusinessHours): Date | undefined {
  const next = openingsFrom(at, hours).next();
  return next.done ? undefined : new Date(next.value[0]);
}

/**
 * The moment `minutes` of open time after `from`: an SLA target counted in business time,
 * across nights, weekends, holidays and daylight-saving changes.
 */
export function addBusinessMinutes(
  from: Date,
  minutes: number,
  hours: BusinessHours,
): Date | undefined {
  let remaining = minutes * 60_000;
  if (remaining <= 0) return nextOpening(from, hours);
  for (const [begin, end] of openingsFrom(from, hours)) {
    if (end - begin >= remaining) return new Date(begin + remaining);
    remaining -= end - begin;
  }
  return undefined;
}

/** Open minutes between two instants (0 if `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours): number {
  let total = 0;
  for (const [begin, end] of openingsFrom(from, hours)) {
    if (begin >= to.getTime()) break;
    total += Math.min(end, to.getTime()) - begin;
  }
  return total / 60_000;
}

// Out-of-hours acknowledgements: a promise of when a person answers, never a bare "closed".
const variablePattern = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;
const acknowledgementVariables = ['opensAt', 'teamName'] as const;

/** Problems with an acknowledgement template; it must say when a person will answer. */
export function validateAcknowledgement(template: string): string[] {
  const problems: string[] = [];
  const used = [...template.matchAll(variablePattern)].map((match) => match[1]!);
  for (const name of used) {
    if (!(acknowledgementVariables as readonly string[]).includes(name))
      problems.push(
        `unknown variable {{${name}}}; use ${acknowledgementVariables.map((v) => `{{${v}}}`).join(' or ')}`,
      );
  }
  if (!used.includes('opensAt'))
    problems.push(
      'the acknowledgement must tell the customer when a person will answer: include {{opensAt}}',
    );
  return problems;
}

/** The acknowledgement as sent: `{{opensAt}}` written out in the team's own time zone. */
export function renderAcknowledgement(
  template: string,
  values: { opensAt: Date; timeZone: string; teamName: string },
): string {
  // "Monday 30 November at 09:00 (New York time)": the zone's city reads better than "GMT-5".
  const place = values.timeZone.split('/').at(-1)!.replaceAll('_', ' ');
  const local = DateTime.fromJSDate(values.opensAt, { zone: values.timeZone }).toFormat(
    "cccc d LLLL 'at' HH:mm",
    { locale: 'en-GB' },
  );
  const opensAt = `${local} (${place} time)`;
  return template.replace(variablePattern, (_, name: string) =>
    name === 'opensAt' ? opensAt : values.teamName,
  );
}

/** A team's hours with its follow-the-sun group (null: it covers only itself). */
export interface TeamHours {
  teamId: string;
  hours: BusinessHours;
  group: string | null;
}

/**
 * When a person of `team` or of a team sharing its follow-the-sun group next answers: null when
 * one is open now, undefined when none ever opens.
 */
export function nextAnswerAt(
  team: TeamHours,
  all: readonly TeamHours[],
  at: Date,
): Date | null | undefined {
  const covering = team.group ? all.filter((t) => t.group === team.group) : [team];
  const openings = [team, ...covering].map((t) => nextOpening(at, t.hours));
  if (openings.some((opening) => opening?.getTime() === at.getTime())) return null;
  const times = openings.filter((o): o is Date => o !== undefined).map((o) => o.getTime());
  return times.length ? new Date(Math.min(...times)) : undefined;
}

/**
 * Follow-the-sun: for each closed team of a group, the open team of the same group that takes
 * over what waits there (the first open one in the order given).
 */
export function followTheSunHandovers(teams: readonly TeamHours[], at: Date): Map<string, string> {
  const handovers = new Map<string, string>();
  for (const team of teams) {
    if (!team.group || isOpen(at, team.hours)) continue;
    const taker = teams.find((t) => t.group === team.group && isOpen(at, t.hours));
    if (taker) handovers.set(team.teamId, taker.teamId);
  }
  return handovers;
}
