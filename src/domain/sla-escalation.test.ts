import { describe, expect, it } from 'vitest';
import type { Conversation } from './conversation.ts';
import { systemActor } from './events.ts';
import { checksDue, choosePolicy, escalate, firstCheckAt } from './sla-escalation.ts';
import type { SlaPolicyRule } from './sla-escalation.ts';

const at = (iso: string) => new Date(iso);

function policy(overrides: Partial<SlaPolicyRule> = {}): SlaPolicyRule {
  return {
    id: 'p',
    name: 'default',
    teamId: null,
    minPriority: null,
    maxPriority: null,
    firstResponseMinutes: 60,
    nextResponseMinutes: null,
    resolutionMinutes: null,
    warnBeforeMinutes: 15,
    escalation: { notify: true, reassign: null, raisePriorityBy: 0 },
    ...overrides,
  };
}

describe('choosing the SLA policy', () => {
  const everyone = policy({ id: 'everyone' });
  const urgent = policy({ id: 'urgent', minPriority: 70 });
  const billing = policy({ id: 'billing', teamId: 'billing' });
  const billingUrgent = policy({ id: 'billing-urgent', teamId: 'billing', minPriority: 70 });
  const all = [everyone, urgent, billing, billingUrgent];

  it("prefers the team's own policy, then the narrowest priority band", () => {
    expect(choosePolicy(all, { teamId: 'billing', priority: 90 })?.id).toBe('billing-urgent');
    expect(choosePolicy(all, { teamId: 'billing', priority: 20 })?.id).toBe('billing');
    expect(choosePolicy(all, { teamId: 'support', priority: 90 })?.id).toBe('urgent');
    expect(choosePolicy(all, { teamId: null, priority: 10 })?.id).toBe('everyone');
  });

  it('includes both ends of a band, and breaks ties by the order listed', () => {
    const band = policy({ id: 'band', minPriority: 40, maxPriority: 60 });
    expect(choosePolicy([band], { teamId: null, priority: 40 })?.id).toBe('band');
    expect(choosePolicy([band], { teamId: null, priority: 60 })?.id).toBe('band');
    expect(choosePolicy([band], { teamId: null, priority: 61 })).toBeUndefined();
    const twin = policy({ id: 'twin' });
    expect(choosePolicy([everyone, twin], { teamId: null, priority: 0 })?.id).toBe('everyone');
  });

  it('applies no policy when none covers the team or priority', () => {
    expect(choosePolicy([billing], { teamId: 'support', priority: 50 })).toBeUndefined();
    expect(choosePolicy([], { teamId: null, priority: 50 })).toBeUndefined();
  });
});

describe('what the scheduler does when', () => {
  const due = {
    firstResponseDueAt: at('2026-11-30T10:00:00Z'),
    nextResponseDueAt: null,
    resolutionDueAt: at('2026-11-30T18:00:00Z'),
    dueAt: at('2026-11-30T10:00:00Z'),
  };

  it('does nothing before the warning window, and says when to look', () => {
    expect(checksDue(due, 15, at('2026-11-30T09:00:00Z'))).toEqual({
      checks: [],
      nextCheckAt: at('2026-11-30T09:45:00Z'),
    });
  });

  it('warns inside the window, then looks again at the due time', () => {
    expect(checksDue(due, 15, at('2026-11-30T09:50:00Z'))).toEqual({
      checks: [{ target: 'first_response', kind: 'warning', dueAt: due.firstResponseDueAt }],
      nextCheckAt: at('2026-11-30T10:00:00Z'),
    });
  });

  it('breaches at the due time exactly, without a late warning, and moves on to the next target', () => {
    expect(checksDue(due, 15, at('2026-11-30T10:00:00Z'))).toEqual({
      checks: [{ target: 'first_response', kind: 'breach', dueAt: due.firstResponseDueAt }],
      nextCheckAt: at('2026-11-30T17:45:00Z'),
    });
  });

  it('reports every breach after a long outage, and has nothing left to look at', () => {
    const late = checksDue(due, 15, at('2026-12-01T00:00:00Z'));
    expect(late.checks.map((c) => `${c.target}:${c.kind}`)).toEqual([
      'first_response:breach',
      'resolution:breach',
    ]);
    expect(late.nextCheckAt).toBeNull();
  });

  it('never warns when the policy asks for no warning', () => {
    expect(checksDue(due, 0, at('2026-11-30T09:59:00Z'))).toEqual({
      checks: [],
      nextCheckAt: at('2026-11-30T10:00:00Z'),
    });
  });

  it('first looks at the earliest warning (even one already past), or at nothing', () => {
    expect(firstCheckAt(due, 15)).toEqual(at('2026-11-30T09:45:00Z'));
    expect(firstCheckAt(due, 0)).toEqual(at('2026-11-30T10:00:00Z'));
    const none = { ...due, firstResponseDueAt: null, resolutionDueAt: null, dueAt: null };
    expect(firstCheckAt(none, 15)).toBeNull();
  });
});

describe('escalating a breach', () => {
  const now = at('2026-11-30T10:00:00Z');
  const conversation: Conversation = {
    id: 'c1',
    workspaceId: 'w',
    status: 'open',
    priority: 40,
    teamId: 'support',
    assigneeId: 'agent-1',
    tags: [],
    needsReply: true,
    firstRespondedAt: null,
    snoozedUntil: null,
    resolvedAt: null,
    lastMessageAt: at('2026-11-30T09:00:00Z'),
    updatedAt: at('2026-11-30T09:00:00Z'),
  };

  it('moves it to another team as a transfer, and raises the priority, capped at 100', () => {
    const result = escalate(
      conversation,
      { notify: true, reassign: { teamId: 'tier-2' }, raisePriorityBy: 70 },
      systemActor,
      now,
    );
    expect(result.conversation).toMatchObject({
      teamId: 'tier-2',
      assigneeId: null,
      priority: 100,
    });
    expect(result.events.map((e) => e.type)).toEqual([
      'conversation.team_changed',
      'conversation.transferred',
      'conversation.priority_changed',
    ]);
    expect(result.events.every((e) => e.data['reason'] === 'sla_breach')).toBe(true);
  });

  it('puts it back in its own queue, unassigned, when told to reassign to no team', () => {
    const result = escalate(
      conversation,
      { notify: false, reassign: { teamId: null }, raisePriorityBy: 0 },
      systemActor,
      now,
    );
    expect(result.conversation).toMatchObject({
      teamId: 'support',
      assigneeId: null,
      priority: 40,
    });
    expect(result.events.map((e) => e.type)).toEqual(['conversation.assigned']);
  });

  it('changes nothing when the policy only notifies', () => {
    const result = escalate(
      conversation,
      { notify: true, reassign: null, raisePriorityBy: 0 },
      systemActor,
      now,
    );
    expect(result.conversation).toEqual(conversation);
    expect(result.events).toEqual([]);
  });
});
