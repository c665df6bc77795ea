import { z } from '@hono/zod-openapi';
import { weekdays } from '../../domain/business-hours.ts';
import { slaTargets } from '../../domain/sla-escalation.ts';
import { Name, Uuid, WorkspaceParams } from './common.schema.ts';

// A year of minutes: far beyond any promise worth making, small enough to compute.
const Minutes = z.number().int().min(1).max(525_600).nullable();
const Priority = z.number().int().min(0).max(100).nullable();

export const SlaEscalationSchema = z
  .strictObject({
    notify: z.boolean().default(true),
    reassign: z
      .strictObject({
        teamId: Uuid.nullable().openapi({
          description: 'The team to move it to; null puts it back in its own team, unassigned',
        }),
      })
      .nullable()
      .default(null),
    raisePriorityBy: z.number().int().min(0).max(100).default(0),
  })
  .openapi('SlaEscalation');

export const SlaPolicyBody = z
  .strictObject({
    name: Name,
    teamId: Uuid.nullable().default(null).openapi({ description: 'null: every team' }),
    minPriority: Priority.default(null),
    maxPriority: Priority.default(null),
    firstResponseMinutes: Minutes.default(null),
    nextResponseMinutes: Minutes.default(null),
    resolutionMinutes: Minutes.default(null),
    warnBeforeMinutes: z.number().int().min(0).max(10_080).default(0),
    escalation: SlaEscalationSchema.default({ notify: true, reassign: null, raisePriorityBy: 0 }),
  })
  .refine(
    (p) =>
      p.firstResponseMinutes !== null ||
      p.nextResponseMinutes !== null ||
      p.resolutionMinutes !== null,
    { message: 'set at least one target (first response, next response or resolution)' },
  )
  .refine(
    (p) => p.minPriority === null || p.maxPriority === null || p.minPriority <= p.maxPriority,
    {
      message: 'minPriority must not be above maxPriority',
      path: ['minPriority'],
    },
  );

export const SlaPolicySchema = z
  .object({
    id: Uuid,
    name: z.string(),
    teamId: Uuid.nullable(),
    minPriority: z.number().int().nullable(),
    maxPriority: z.number().int().nullable(),
    firstResponseMinutes: z.number().int().nullable(),
    nextResponseMinutes: z.number().int().nullable(),
    resolutionMinutes: z.number().int().nullable(),
    warnBeforeMinutes: z.number().int(),
    escalation: SlaEscalationSchema,
  })
  .openapi('SlaPolicy');

export const PolicyParams = WorkspaceParams.extend({ policyId: Uuid });
export const TeamParams = WorkspaceParams.extend({ teamId: Uuid });

const Interval = z.strictObject({
  start: z.string().openapi({ example: '09:00' }),
  end: z.string().openapi({ example: '17:30' }),
});

export const BusinessHoursBody = z
  .strictObject({
    alwaysOpen: z.boolean().default(false).openapi({ description: '24/7: the week is ignored' }),
    timeZone: z.string().min(1).max(100).openapi({ example: 'Europe/Berlin' }),
    week: z
      .partialRecord(z.enum(weekdays), z.array(Interval).max(12))
      .default({})
      .openapi({ description: 'Local opening times per weekday; a day not named is closed' }),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a holiday is a YYYY-MM-DD date'))
      .max(400)
      .default([]),
    acknowledgement: z.string().trim().min(1).max(280).nullable().default(null).openapi({
      description:
        "Sent to a customer who writes while the team is closed. Must contain {{opensAt}} (when a person will answer, in the team's zone); may contain {{teamName}}",
      example: 'Thanks for writing! Our team is back {{opensAt}} and will answer you then.',
    }),
    followTheSunGroup: z.string().trim().min(1).max(100).nullable().default(null).openapi({
      description: 'Teams of one group take over what waits in each other while closed',
    }),
  })
  .openapi('BusinessHoursInput');

export const BusinessHoursSchema = z
  .object({
    teamId: Uuid,
    configured: z
      .boolean()
      .openapi({ description: 'false: none set, the team counts as 24/7 UTC' }),
    alwaysOpen: z.boolean(),
    timeZone: z.string(),
    week: z.partialRecord(z.enum(weekdays), z.array(Interval)),
    holidays: z.array(z.string()),
    acknowledgement: z.string().nullable(),
    followTheSunGroup: z.string().nullable(),
    openNow: z.boolean(),
    nextOpeningAt: z.string().nullable(),
  })
  .openapi('BusinessHours');

export const FollowUpBody = z.strictObject({
  dueAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .openapi({ description: 'When the conversation returns to you; null cancels' }),
});

export const SlaStatusSchema = z
  .object({
    conversationId: Uuid,
    policyId: Uuid.nullable(),
    firstResponseDueAt: z.string().nullable(),
    nextResponseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    state: z.enum(['none', 'ok', 'at_risk', 'breached']),
    paused: z.boolean().openapi({ description: 'Waiting on the customer: the clock is stopped' }),
    pausedMinutes: z.number(),
    followUpAt: z.string().nullable(),
    followUpUserId: Uuid.nullable(),
    escalations: z.array(
      z.object({
        target: z.enum(slaTargets),
        kind: z.enum(['warning', 'breach']),
        dueAt: z.string(),
        at: z.string(),
      }),
    ),
  })
  .openapi('SlaStatus');
