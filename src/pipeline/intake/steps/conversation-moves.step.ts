import { saveIngestedConversations } from '../../../store/conversations.repository.ts';
import type { AfterIntakeStep } from './after-intake-step.ts';

/**
 * Writes what the batch did to the stored conversations it reached (state, mention count,
 * latest sentiment), in one statement. It runs after routing, which reads the agents' loads as
 * they stood before the batch (a conversation reopened here would otherwise count already).
 */
export const conversationMovesStep: AfterIntakeStep = {
  name: 'conversation moves',
  run: ({ db, workspaceId, plan, now }) =>
    saveIngestedConversations(db, workspaceId, plan.touched, now),
};
