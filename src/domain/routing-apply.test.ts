import { describe, expect, it } from 'vitest';
import type { Conversation } from './conversation.ts';
import { systemActor } from './events.ts';
import { applyRouting } from './routing-apply.ts';
import type { RoutingDecision } from './routing.ts';

const now = new Date('2026-11-23T12:00:00Z');
const conversation: Conversation = {
  id: 'c1',
  workspaceId: 'w1',
  status: 'new',
  priority: 40,
  teamId: null,
  assigneeId: null,
  tags: [],
  needsReply: true,
  firstRespondedAt: null,
  snoozedUntil: null,
  resolvedAt: null,
  lastMessageAt: now,
  updatedAt: now,
};
const decision: RoutingDecision = {
  teamId: 'billing',
  priority: 70,
  tags: ['refund'],
  autoReply: null,
  skills: [],
  reason: "routed to Billing by rule 'refunds'",
  ruleId: 'r1',
};

describe('applying a routing decision', () => {
  it('sets team, priority, tags and agent, and records the decision first', () => {
    const routed = applyRouting(conversation, decision, 'agent-1', systemActor, now);
    expect(routed.conversation).toMatchObject({
      teamId: 'billing',
      priority: 70,
      tags: ['refund'],
      assigneeId: 'agent-1',
      status: 'open',
    });
    expect(routed.events.map((event) => event.type)).toEqual([
      'conversation.routed',
      'conversation.team_changed',
      'conversation.priority_changed',
      'conversation.tagged',
      'conversation.assigned',
    ]);
    expect(routed.events[0]!.data).toEqual({
      ruleId: 'r1',
      teamId: 'billing',
      reason: "routed to Billing by rule 'refunds'",
      assigneeId: 'agent-1',
    });
  });

  it('is not a transfer: the first team is routing', () => {
    const routed = applyRouting(conversation, decision, null, systemActor, now);
    expect(routed.events.map((event) => event.type)).not.toContain('conversation.transferred');
    expect(routed.conversation).toMatchObject({ assigneeId: null, status: 'new' });
  });

  it('records a decision that found no team, and changes nothing else', () => {
    const nobody = { ...decision, teamId: null, priority: 10, tags: [], ruleId: null };
    const routed = applyRouting(conversation, nobody, null, systemActor, now);
    expect(routed.conversation).toMatchObject({ teamId: null, priority: 40 });
    expect(routed.events.map((event) => event.type)).toEqual(['conversation.routed']);
  });
});
