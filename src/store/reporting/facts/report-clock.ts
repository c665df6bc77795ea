import type { Kysely } from 'kysely';
import { businessMinutesBetween } from '../../../domain/business-hours.ts';
import type { BusinessHours } from '../../../domain/business-hours.ts';
import { summarizeDurations } from '../../../domain/report-stats.ts';
import type { DurationSummary } from '../../../domain/report-stats.ts';
import { hoursOf, listWorkspaceTeamHours } from '../../sla/business-hours.repository.ts';
import type { Database } from '../../schema.ts';

/**
 * How a report counts waiting time: wall clock (no options), one schedule for every
 * conversation (`hours`), or each conversation's team's saved open hours (`teamHours`; a
 * conversation without a team, or whose team has no hours saved, counts in wall-clock time).
 */
export interface ClockOptions {
  hours?: BusinessHours;
  teamHours?: ReadonlyMap<string, BusinessHours>;
}

/** A wait from one instant to another, in the conversation's current team. */
export interface TeamWaitSpan {
  from: Date;
  to: Date;
  teamId: string | null;
}

export const countsOpenHours = (options: ClockOptions) =>
  options.hours !== undefined || options.teamHours !== undefined;

/** Median, p90 and mean of the spans, each counted in the hours the options choose for it. */
export function summarizeOpenHourWaits(
  spans: readonly TeamWaitSpan[],
  options: ClockOptions,
): DurationSummary {
  return summarizeDurations(
    spans.map((span) => {
      const hours =
        options.hours ?? (span.teamId ? options.teamHours?.get(span.teamId) : undefined);
      return hours
        ? businessMinutesBetween(span.from, span.to, hours) * 60
        : (span.to.getTime() - span.from.getTime()) / 1000;
    }),
  );
}

/** The clock options that count every conversation in its team's saved business hours. */
export async function teamHoursClock(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<ClockOptions> {
  const teams = await listWorkspaceTeamHours(db, workspaceId);
  return { teamHours: new Map(teams.map((team) => [team.teamId, hoursOf(team.settings)])) };
}
