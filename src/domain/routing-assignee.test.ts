import { describe, expect, it } from 'vitest';
import { chooseAssignee, explainNoAssignee, withAssignment } from './routing-assignee.ts';
import type { AgentLoad } from './routing-assignee.ts';

const agent = (userId: string, overrides: Partial<AgentLoad> = {}): AgentLoad => ({
  userId,
  teamIds: ['billing'],
  available: true,
  maxOpen: 3,
  openCount: 0,
  skills: [],
  lastAutoAssignedAt: null,
  ...overrides,
});

describe('auto-assignment', () => {
  it('takes turns: the agent auto-assigned longest ago (never first) goes next', () => {
    let agents = [
      agent('b', { lastAutoAssignedAt: new Date('2026-11-20T10:00:00Z') }),
      agent('c'),
      agent('a', { lastAutoAssignedAt: new Date('2026-11-20T09:00:00Z') }),
    ];
    const order: string[] = [];
    for (let turn = 0; turn < 5; turn += 1) {
      const choice = chooseAssignee(agents, 'billing', []);
      if (!choice.ok) throw new Error(choice.reason);
      order.push(choice.userId);
      agents = withAssignment(agents, choice.userId, new Date(Date.UTC(2026, 10, 21, 0, 0, turn)));
    }
    expect(order).toEqual(['c', 'a', 'b', 'c', 'a']);
  });

  it('skips agents who are away, at capacity, in another team or without the skills', () => {
    const agents = [
      agent('away', { available: false }),
      agent('full', { openCount: 3 }),
      agent('other-team', { teamIds: ['care'] }),
      agent('no-french', { skills: ['refunds'] }),
      agent('picked', { skills: ['french', 'refunds'], lastAutoAssignedAt: new Date() }),
    ];
    expect(chooseAssignee(agents, 'billing', ['french'])).toEqual({ ok: true, userId: 'picked' });
  });

  it('treats a missing capacity as no limit', () => {
    expect(chooseAssignee([agent('a', { maxOpen: null, openCount: 500 })], 'billing', [])).toEqual({
      ok: true,
      userId: 'a',
    });
  });

  it('says why nobody was chosen, as a value', () => {
    expect(chooseAssignee([agent('a')], null, [])).toEqual({ ok: false, reason: 'no_team' });
    expect(chooseAssignee([agent('a')], 'care', [])).toEqual({ ok: false, reason: 'no_members' });
    expect(chooseAssignee([agent('a')], 'billing', ['german'])).toEqual({
      ok: false,
      reason: 'nobody_skilled',
    });
    expect(chooseAssignee([agent('a', { available: false })], 'billing', [])).toEqual({
      ok: false,
      reason: 'nobody_available',
    });
    expect(chooseAssignee([agent('a', { maxOpen: 0 })], 'billing', [])).toEqual({
      ok: false,
      reason: 'nobody_free',
    });
    expect(explainNoAssignee('nobody_free')).toBe(
      'every available member of the team is at capacity',
    );
  });

  it('counts an assignment against capacity', () => {
    const after = withAssignment([agent('a', { maxOpen: 1 })], 'a', new Date());
    expect(after[0]).toMatchObject({ openCount: 1 });
    expect(chooseAssignee(after, 'billing', [])).toEqual({ ok: false, reason: 'nobody_free' });
  });
});
