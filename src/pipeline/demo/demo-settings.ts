import type { Kysely } from 'kysely';
import { validateBusinessHours } from '../../domain/business-hours.ts';
import { unknownVariables } from '../../domain/canned-response.ts';
import type { SlaPolicyInput } from '../../store/sla/sla-policies.repository.ts';
import { createSlaPolicy } from '../../store/sla/sla-policies.repository.ts';
import { hoursOf, saveTeamHours } from '../../store/sla/business-hours.repository.ts';
import type { TeamHoursSettings } from '../../store/sla/business-hours.repository.ts';
import { insertCannedResponse } from '../../store/canned-responses.repository.ts';
import type { Database } from '../../store/schema.ts';

const escalation = { notify: true, reassign: null, raisePriorityBy: 0 };

/**
 * The demo's promises: complaints and urgent posts (triage priority 50 and up) answered within
 * the hour, everything else within four hours. The scheduler warns 15 minutes before.
 */
export const demoSlaPolicies: SlaPolicyInput[] = [
  {
    name: 'Complaints and urgent: within the hour',
    teamId: null,
    minPriority: 50,
    maxPriority: null,
    firstResponseMinutes: 60,
    nextResponseMinutes: 60,
    resolutionMinutes: 24 * 60,
    warnBeforeMinutes: 15,
    escalation: { ...escalation, raisePriorityBy: 10 },
  },
  {
    name: 'Everything else: within 4 hours',
    teamId: null,
    minPriority: null,
    maxPriority: null,
    firstResponseMinutes: 240,
    nextResponseMinutes: 240,
    resolutionMinutes: null,
    warnBeforeMinutes: 15,
    escalation,
  },
];

const workdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/**
 * Social care (Customer Care) runs 24/7; Billing and Baggage keep office hours in Denver and close
 * on the coming holidays.
 */
export function demoTeamHours(now: Date): Record<string, TeamHoursSettings> {
  const year = now.getUTCFullYear();
  return {
    'Customer Care': {
      alwaysOpen: true,
      timeZone: 'America/Denver',
      week: {},
      holidays: [],
      acknowledgement: null,
      followTheSunGroup: null,
    },
    Billing: {
      alwaysOpen: false,
      timeZone: 'America/Denver',
      week: Object.fromEntries(workdays.map((day) => [day, [{ start: '07:00', end: '19:00' }]])),
      holidays: [`${year}-12-25`, `${year + 1}-01-01`],
      acknowledgement: null,
      followTheSunGroup: null,
    },
    Baggage: {
      alwaysOpen: false,
      timeZone: 'America/Denver',
      week: {
        ...Object.fromEntries(workdays.map((day) => [day, [{ start: '06:00', end: '22:00' }]])),
        saturday: [{ start: '08:00', end: '18:00' }],
        sunday: [{ start: '08:00', end: '18:00' }],
      },
      holidays: [`${year}-12-25`],
      acknowledgement: null,
      followTheSunGroup: null,
    },
  };
}

/** What an airline's agents answer most, with the variables the composer fills. */
export const demoCannedResponses: Array<{ name: string; body: string; team: string | null }> = [
  {
    name: 'Sorry, please DM us',
    body: 'We’re so sorry, {{customer.name}}. Please send us a DM with your booking reference and we’ll look into it right away. ^{{agent.firstName}}',
    team: null,
  },
  {
    name: 'Cancelled flight: rebooking or refund',
    body: 'Hi {{customer.name}}, we’re sorry your flight was cancelled. You can rebook for free or ask for a full refund (not a voucher) here: {{ticket.link}}. ^{{agent.firstName}}',
    team: null,
  },
  {
    name: 'Delayed bag: file reference',
    body: 'Hi {{customer.name}}, sorry your bag didn’t make it. Please DM us your file reference (it starts with your arrival airport code) and we’ll chase it with the station. ^{{agent.firstName}}',
    team: 'Baggage',
  },
  {
    name: 'Double charge',
    body: 'Sorry about the double charge, {{customer.name}}. DM us the last 4 digits of the card and the order number; we reverse duplicate charges the same day. ^{{agent.firstName}}',
    team: 'Billing',
  },
  {
    name: 'Thanks for the kind words',
    body: 'Thank you, {{customer.name}}! We’ll pass this on to the crew – it makes their day. ^{{agent.firstName}} at {{brand.name}}',
    team: null,
  },
  {
    name: 'Idea passed on',
    body: 'Great idea, {{customer.name}} – we’ve passed it to our product team. Thanks for helping us make {{brand.name}} better! ^{{agent.firstName}}',
    team: null,
  },
];

/**
 * Seeds the demo's SLA policies, team hours and canned responses through the repositories the
 * Settings API writes with, after the same checks it makes (the demo's own data must pass them).
 * Before any post arrives, so every conversation gets its clock on intake.
 */
export async function seedDemoSettings(
  db: Kysely<Database>,
  workspaceId: string,
  ownerId: string,
  teams: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  for (const policy of demoSlaPolicies) await createSlaPolicy(db, workspaceId, policy, now);
  for (const [team, settings] of Object.entries(demoTeamHours(now))) {
    const problems = validateBusinessHours(hoursOf(settings));
    if (problems.length > 0) throw new Error(`demo hours of ${team}: ${problems.join('; ')}`);
    await saveTeamHours(db, workspaceId, teams.get(team)!, settings, now);
  }
  for (const canned of demoCannedResponses) {
    const unknown = unknownVariables(canned.body);
    if (unknown.length > 0) throw new Error(`demo canned response: unknown ${unknown.join(', ')}`);
    await insertCannedResponse(db, {
      workspaceId,
      teamId: canned.team ? teams.get(canned.team)! : null,
      name: canned.name,
      body: canned.body,
      createdBy: ownerId,
      now,
    });
  }
}
