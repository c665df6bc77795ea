import { queueAutoReplies } from '../../routing/route-auto-reply.ts';
import type { AfterIntakeStep } from './after-intake-step.ts';

/** Queues the routing rules' automatic replies in the outbox (once per conversation and rule). */
export const autoReplyStep: AfterIntakeStep = {
  name: 'auto-reply',
  ourBrandOnly: true,
  async run(context) {
    const { db, workspaceId, autoReplies, now } = context;
    context.events.push(...(await queueAutoReplies(db, workspaceId, autoReplies, now)));
  },
};
