import { describe, expect, it } from 'vitest';
import { alwaysOpen } from './business-hours.ts';
import type { BusinessHours } from './business-hours.ts';
import { computeDueTimes, slaState } from './sla.ts';
import type { SlaFacts, SlaPolicy } from './sla.ts';

const policy: SlaPolicy = {
  firstResponseMinutes: 60,
  nextResponseMinutes: 120,
  resolutionMinutes: 8 * 60,
  warnBeforeMinutes: 15,
};
const weekdays = [{ start: '09:00', end: '17:00' }];
const london: BusinessHours = {
  timeZone: 'Europe/London',
  week: {
    monday: weekdays,
    tuesday: weekdays,
    wednesday: weekdays,
    thursday: weekdays,
    friday: weekdays,
  },
  holidays: ['2026-12-25'],
};
const at = (iso: string) => new Date(iso);
const facts = (overrides: Partial<SlaFacts> = {}): SlaFacts => ({
  createdAt: at('2026-11-27T16:30:00Z'), // Friday 16:30 in London (GMT)
  firstRespondedAt: null,
  lastCustomerMessageAt: at('2026-11-27T16:30:00Z'),
  lastReplyAt: null,
  resolvedAt: null,
  pausedMinutes: 0,
  ...overrides,
});

describe('SLA due times', () => {
  it('counts the first response in business time: a Friday-evening post is due Monday morning', () => {
    const due = computeDueTimes(policy, london, facts());
    expect(due.firstResponseDueAt).toEqual(at('2026-11-30T09:30:00Z'));
    expect(due.nextResponseDueAt).toBeNull();
    // 8 open hours: 30 min Friday + 7 h 30 on Monday.
    expect(due.resolutionDueAt).toEqual(at('2026-11-30T16:30:00Z'));
    expect(due.dueAt).toEqual(due.firstResponseDueAt);
  });

  it('counts the same post in wall-clock time for a 24/7 team', () => {
    const due = computeDueTimes(policy, alwaysOpen('Europe/London'), facts());
    expect(due.firstResponseDueAt).toEqual(at('2026-11-27T17:30:00Z'));
  });

  it('stops the first-response clock once answered, and starts the next-response clock when the customer writes again', () => {
    const answered = facts({
      firstRespondedAt: at('2026-11-30T09:10:00Z'),
      lastReplyAt: at('2026-11-30T09:10:00Z'),
    });
    expect(computeDueTimes(policy, london, answered)).toMatchObject({
      firstResponseDueAt: null,
      nextResponseDueAt: null,
    });
    const followUp = { ...answered, lastCustomerMessageAt: at('2026-11-30T10:00:00Z') };
    expect(computeDueTimes(policy, london, followUp).nextResponseDueAt).toEqual(
      at('2026-11-30T12:00:00Z'),
    );
  });

  it('pauses the resolution clock while waiting on the customer', () => {
    const due = computeDueTimes(policy, london, facts({ pausedMinutes: 60 }));
    expect(due.resolutionDueAt).toEqual(at('2026-12-01T09:30:00Z'));
  });

  it('has no due time for targets a policy does not set, or once resolved', () => {
    const none = computeDueTimes(
      { ...policy, firstResponseMinutes: null, resolutionMinutes: null },
      london,
      facts(),
    );
    expect(none).toEqual({
      firstResponseDueAt: null,
      nextResponseDueAt: null,
      resolutionDueAt: null,
      dueAt: null,
    });
    expect(
      computeDueTimes(policy, london, facts({ resolvedAt: at('2026-11-27T17:00:00Z') }))
        .resolutionDueAt,
    ).toBeNull();
  });

  it('warns before a breach and reports it after', () => {
    const due = at('2026-11-30T09:30:00Z');
    expect(slaState(due, at('2026-11-30T09:00:00Z'), 15)).toBe('ok');
    expect(slaState(due, at('2026-11-30T09:20:00Z'), 15)).toBe('at_risk');
    expect(slaState(due, at('2026-11-30T09:30:00Z'), 15)).toBe('breached');
    expect(slaState(null, at('2026-11-30T09:30:00Z'), 15)).toBe('none');
  });
});
