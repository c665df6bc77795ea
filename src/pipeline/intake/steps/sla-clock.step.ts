import { refreshSlaClocks } from '../../sla/sla-clock.ts';
import type { AfterIntakeStep } from './after-intake-step.ts';

/** Recomputes the SLA clocks of the conversations the batch opened or reached, once they have their team. */
export const slaClockStep: AfterIntakeStep = {
  name: 'sla clock',
  run: ({ db, workspaceId, plan, now }) =>
    refreshSlaClocks(
      db,
      workspaceId,
      [
        ...plan.conversations.map(({ conversation }) => conversation.id),
        ...plan.touched.map(({ conversation }) => conversation.id),
      ],
      now,
    ),
};
