import { acknowledgeOutOfHours } from '../../sla/sla-intake.ts';
import type { AfterIntakeStep } from './after-intake-step.ts';

/** Tells the customer of each new conversation whose team is closed when a person will answer. */
export const outOfHoursStep: AfterIntakeStep = {
  name: 'out-of-hours acknowledgement',
  ourBrandOnly: true,
  async run({ db, workspaceId, plan, now }) {
    const created = plan.conversations.map(({ conversation }) => conversation.id);
    if (created.length > 0) await acknowledgeOutOfHours(db, workspaceId, created, now);
  },
};
