import { assign, changeTeam, setPriority, tag } from './conversation.ts';
import type { Conversation, Transition } from './conversation.ts';
import type { Actor, DomainEvent } from './events.ts';
import type { RoutingDecision } from './routing.ts';

interface RoutedConversation {
  conversation: Conversation;
  events: DomainEvent[];
}

/**
 * Applies routing's decision to a new conversation: its team, a priority never lower than
 * triage's, the rule's tags, and then the agent auto-assignment chose (or nobody). One
 * `conversation.routed` event says what was decided and why, before the changes it caused.
 */
export function applyRouting(
  conversation: Conversation,
  decision: RoutingDecision,
  assigneeId: string | null,
  actor: Actor,
  now: Date,
): RoutedConversation {
  const events: DomainEvent[] = [
    {
      type: 'conversation.routed',
      actor,
      conversationId: conversation.id,
      data: {
        ruleId: decision.ruleId,
        teamId: decision.teamId,
        reason: decision.reason,
        assigneeId,
      },
      occurredAt: now,
    },
  ];
  let current = conversation;
  const step = (transition: Transition) => {
    // Each step is valid by construction (a whole-number priority from 0 to 100, a new team).
    if (!transition.ok) return;
    current = transition.conversation;
    events.push(...transition.events);
  };
  step(changeTeam(current, decision.teamId, actor, now));
  if (decision.priority > current.priority)
    step(setPriority(current, decision.priority, actor, now));
  for (const name of decision.tags) step(tag(current, name, actor, now));
  if (assigneeId) step(assign(current, assigneeId, actor, now));
  return { conversation: current, events };
}
