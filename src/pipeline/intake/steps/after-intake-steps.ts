import type { AfterIntakeStep } from './after-intake-step.ts';
import { autoReplyStep } from './auto-reply.step.ts';
import { conversationMovesStep } from './conversation-moves.step.ts';
import { csatAnswerStep } from './csat-answer.step.ts';
import { outOfHoursStep } from './out-of-hours.step.ts';
import { routingStep } from './routing.step.ts';
import { slaClockStep } from './sla-clock.step.ts';

/**
 * What follows a batch's intake, in order: the survey answers; routing of the new conversations,
 * then the automatic replies its rules chose; the stored conversations' moves (after routing has
 * read the agents' loads); the SLA clocks and out-of-hours acknowledgements, once every
 * conversation has its team and state.
 */
export const afterIntakeSteps: readonly AfterIntakeStep[] = [
  csatAnswerStep,
  routingStep,
  autoReplyStep,
  conversationMovesStep,
  slaClockStep,
  outOfHoursStep,
];
