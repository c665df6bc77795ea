import { recordCsatAnswers } from '../../csat/csat.ts';
import type { AfterIntakeStep } from './after-intake-step.ts';

/**
 * Records the survey answers the plan found (a rating, or nothing recognisable, which closes the
 * survey) with their `csat.received` events.
 */
export const csatAnswerStep: AfterIntakeStep = {
  name: 'csat answer',
  run: ({ db, workspaceId, plan, now }) =>
    recordCsatAnswers(db, workspaceId, plan.csatAnswers, now),
};
