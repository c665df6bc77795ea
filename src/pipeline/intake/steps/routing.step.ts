import { routeNewConversations } from '../../routing/route-conversations.ts';
import type { AfterIntakeStep } from './after-intake-step.ts';

/**
 * New conversations get their team (and an agent) on first touch: routing's events join the
 * plan's, and the automatic replies its rules chose are left for the auto-reply step.
 */
export const routingStep: AfterIntakeStep = {
  name: 'routing',
  ourBrandOnly: true,
  async run(context) {
    const { db, workspaceId, saved, now } = context;
    const routed = await routeNewConversations(
      db,
      workspaceId,
      saved.conversations,
      saved.mentions,
      now,
    );
    context.events.push(...routed.events);
    context.autoReplies.push(...routed.autoReplies);
  },
};
