import type { Kysely } from 'kysely';
import { assign } from '../../domain/conversation.ts';
import type { Transition } from '../../domain/conversation.ts';
import { systemActor } from '../../domain/events.ts';
import { chooseAssignee } from '../../domain/routing-assignee.ts';
import {
  loadAgentLoads,
  recordAutoAssignments,
} from '../../store/routing/assignment.repository.ts';
import type { Database } from '../../store/schema.ts';

type Done = Extract<Transition, { ok: true }>;

/**
 * A transfer drops the assignee; the new team's round robin then gives the conversation to one
 * of its available members with free capacity, in the same transaction. Nobody free: it waits
 * unassigned in the new team. Anything that is not a transfer passes through unchanged.
 */
export async function assignAfterTransfer(
  db: Kysely<Database>,
  workspaceId: string,
  transition: Done,
  now: Date,
): Promise<Done> {
  const conversation = transition.conversation;
  const transferred = transition.events.some((event) => event.type === 'conversation.transferred');
  if (!transferred || !conversation.teamId || conversation.assigneeId) return transition;
  if (conversation.status === 'resolved') return transition;
  const agents = await loadAgentLoads(db, workspaceId, [conversation.teamId]);
  const choice = chooseAssignee(agents, conversation.teamId, []);
  if (!choice.ok) return transition;
  const assigned = assign(conversation, choice.userId, systemActor, now);
  if (!assigned.ok) return transition;
  await recordAutoAssignments(db, workspaceId, new Map([[choice.userId, now]]));
  return {
    ok: true,
    conversation: assigned.conversation,
    events: [...transition.events, ...assigned.events],
  };
}
