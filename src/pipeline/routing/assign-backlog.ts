import type { Kysely } from 'kysely';
import { assign } from '../../domain/conversation.ts';
import { systemActor } from '../../domain/events.ts';
import { saveTransition, toConversation } from '../../store/conversations.repository.ts';
import {
  claimWaitingConversations,
  lockAgentForBacklog,
} from '../../store/routing/backlog.repository.ts';
import { recordAutoAssignments } from '../../store/routing/assignment.repository.ts';
import type { Database } from '../../store/schema.ts';
import { refreshSlaClocks } from '../sla/sla-clock.ts';

/** How many conversations one pull gives an agent who has no capacity limit. */
export const unlimitedBacklogPull = 20;

/**
 * Call inside a transaction. When an agent comes back or a conversation of theirs no longer
 * occupies them, the conversations waiting unassigned in their teams go to them, oldest first,
 * until they are at capacity (an agent without a limit takes at most `unlimitedBacklogPull`).
 * Away agents and viewers take nothing. `except` is the conversation that just freed the slot:
 * one an agent put back in the queue is not handed straight back to them. Returns how many.
 */
export async function assignBacklog(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  now: Date,
  except: string | null = null,
): Promise<number> {
  const agent = await lockAgentForBacklog(db, workspaceId, userId);
  if (!agent?.available) return 0;
  const free =
    agent.maxOpen === null ? unlimitedBacklogPull : Math.max(0, agent.maxOpen - agent.openCount);
  const waiting = await claimWaitingConversations(
    db,
    workspaceId,
    agent.teamIds,
    agent.skills,
    free,
    except,
  );
  for (const row of waiting) {
    const transition = assign(toConversation(row), userId, systemActor, now);
    if (transition.ok) await saveTransition(db, transition);
  }
  if (waiting.length === 0) return 0;
  await recordAutoAssignments(db, workspaceId, new Map([[userId, now]]));
  await refreshSlaClocks(
    db,
    workspaceId,
    waiting.map((row) => row.id),
    now,
  );
  return waiting.length;
}
