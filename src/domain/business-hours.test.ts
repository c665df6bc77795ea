import { describe, expect, it } from 'vitest';
import type { BusinessHours } from './business-hours.ts';
import {
  addBusinessMinutes,
  alwaysOpen,
  businessMinutesBetween,
  followTheSunHandovers,
  isOpen,
  nextAnswerAt,
  nextOpening,
  renderAcknowledgement,
  validateAcknowledgement,
  validateBusinessHours,
} from './business-hours.ts';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const newYork: BusinessHours = {
  timeZone: 'America/New_York',
  week: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: nineToFive,
  },
  holidays: ['2026-11-26'], // Thanksgiving
};
const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('knows when a team is open, in its own time zone', () => {
    expect(isOpen(at('2026-11-23T14:00:00Z'), newYork)).toBe(true); // Mon 09:00 EST
    expect(isOpen(at('2026-11-23T13:59:00Z'), newYork)).toBe(false); // Mon 08:59 EST
    expect(isOpen(at('2026-11-23T22:00:00Z'), newYork)).toBe(false); // Mon 17:00 EST: closed
    expect(isOpen(at('2026-11-26T15:00:00Z'), newYork)).toBe(false); // Thanksgiving
    expect(isOpen(at('2026-11-28T15:00:00Z'), newYork)).toBe(false); // Saturday
  });

  it('counts an SLA target in open time across a night', () => {
    // Mon 16:30 EST + 60 open minutes = 30 today + 30 on Tuesday from 09:00.
    expect(addBusinessMinutes(at('2026-11-23T21:30:00Z'), 60, newYork)).toEqual(
      at('2026-11-24T14:30:00Z'),
    );
  });

  it('skips the weekend and a holiday', () => {
    // Wed 16:00 EST + 120 min: 60 on Wednesday, Thursday is Thanksgiving, 60 on Friday from 09:00.
    expect(addBusinessMinutes(at('2026-11-25T21:00:00Z'), 120, newYork)).toEqual(
      at('2026-11-27T15:00:00Z'),
    );
    // Fri 16:00 EST + 120 min: 60 on Friday, then Monday 09:00 + 60.
    expect(addBusinessMinutes(at('2026-11-27T21:00:00Z'), 120, newYork)).toEqual(
      at('2026-11-30T15:00:00Z'),
    );
  });

  it('follows daylight-saving changes: 09:00 local stays 09:00 local', () => {
    // Friday 6 March 2026 16:00 EST (UTC−5); clocks spring forward on Sunday 8 March.
    // Monday 9 March 09:00 is EDT (UTC−4) = 13:00Z.
    expect(addBusinessMinutes(at('2026-03-06T21:00:00Z'), 120, newYork)).toEqual(
      at('2026-03-09T14:00:00Z'),
    );
    // And back in autumn: Friday 30 Oct 2026 16:00 EDT, clocks fall back Sunday 1 Nov; Monday 09:00 EST = 14:00Z.
    expect(addBusinessMinutes(at('2026-10-30T20:00:00Z'), 120, newYork)).toEqual(
      at('2026-11-02T15:00:00Z'),
    );
  });

  it('handles a night shift across a DST gap in wall-clock terms', () => {
    const berlinNights: BusinessHours = {
      timeZone: 'Europe/Berlin',
      week: { sunday: [{ start: '00:00', end: '06:00' }] },
      holidays: [],
    };
    // 29 March 2026: 02:00 → 03:00 in Berlin, so the 00:00–06:00 shift is 5 hours long.
    expect(
      businessMinutesBetween(at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'), berlinNights),
    ).toBe(300);
  });

  it('measures open minutes between two moments', () => {
    // Friday 16:00 EST to Monday 10:00 EST: 60 + 60 minutes.
    expect(
      businessMinutesBetween(at('2026-11-27T21:00:00Z'), at('2026-11-30T15:00:00Z'), newYork),
    ).toBe(120);
    expect(
      businessMinutesBetween(at('2026-11-30T15:00:00Z'), at('2026-11-27T21:00:00Z'), newYork),
    ).toBe(0);
  });

  it('says when a closed team next opens', () => {
    expect(nextOpening(at('2026-11-28T12:00:00Z'), newYork)).toEqual(at('2026-11-30T14:00:00Z'));
    expect(nextOpening(at('2026-11-23T15:00:00Z'), newYork)).toEqual(at('2026-11-23T15:00:00Z'));
  });

  it('treats 24/7 as wall-clock time', () => {
    const start = at('2026-11-28T23:30:00Z');
    expect(addBusinessMinutes(start, 90, alwaysOpen('Asia/Tokyo'))).toEqual(
      at('2026-11-29T01:00:00Z'),
    );
    expect(
      businessMinutesBetween(start, at('2026-11-29T23:30:00Z'), alwaysOpen('Europe/London')),
    ).toBe(1440);
  });

  it('answers undefined rather than looping for a schedule that never opens', () => {
    const never: BusinessHours = { timeZone: 'UTC', week: {}, holidays: [] };
    expect(addBusinessMinutes(at('2026-11-23T00:00:00Z'), 10, never)).toBeUndefined();
    expect(validateBusinessHours(never)).toContain('the team is never open');
  });

  it('explains a malformed schedule', () => {
    const problems = validateBusinessHours({
      timeZone: 'Mars/Olympus',
      week: { monday: [{ start: '17:00', end: '09:00' }], tuesday: [{ start: '9am', end: '5pm' }] },
      holidays: ['next tuesday'],
    });
    expect(problems).toEqual([
      'unknown time zone "Mars/Olympus"',
      'monday: 17:00–09:00 ends before it starts',
      'tuesday: times are HH:MM (00:00–24:00), got 9am–5pm',
      'holiday "next tuesday" is not a YYYY-MM-DD date',
    ]);
  });
});

describe('out-of-hours acknowledgements', () => {
  it('refuses a template that does not say when a person will answer, or names an unknown variable', () => {
    expect(validateAcknowledgement('We only answer during office hours.')).toEqual([
      'the acknowledgement must tell the customer when a person will answer: include {{opensAt}}',
    ]);
    expect(validateAcknowledgement('Back {{opensAt}}, {{customerName}}!')[0]).toMatch(
      /unknown variable \{\{customerName\}\}/,
    );
    expect(validateAcknowledgement('Thanks! {{teamName}} answers {{ opensAt }}.')).toEqual([]);
  });

  it("writes the opening time in the team's own zone, daylight-saving time included", () => {
    const template = '{{teamName}} answers {{opensAt}}.';
    // Friday 2026-11-27 18:00 EST → Monday 09:00 EST.
    const opensAt = nextOpening(at('2026-11-27T23:00:00Z'), newYork)!;
    expect(
      renderAcknowledgement(template, { opensAt, timeZone: newYork.timeZone, teamName: 'Care' }),
    ).toBe('Care answers Monday 30 November at 09:00 (New York time).');
    // In summer the same schedule opens at 09:00 EDT: 13:00 UTC, not 14:00.
    const summer = nextOpening(at('2026-07-03T22:00:00Z'), newYork)!; // Friday evening, 3 July
    expect(summer).toEqual(at('2026-07-06T13:00:00Z'));
    expect(
      renderAcknowledgement(template, {
        opensAt: summer,
        timeZone: newYork.timeZone,
        teamName: 'Care',
      }),
    ).toBe('Care answers Monday 6 July at 09:00 (New York time).');
  });
});

describe('follow-the-sun', () => {
  const sydneyHours: BusinessHours = {
    timeZone: 'Australia/Sydney',
    week: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => [d, nineToFive]),
    ),
    holidays: [],
  };
  const ny = { teamId: 'ny', hours: newYork, group: 'global' };
  const sydney = { teamId: 'sydney', hours: sydneyHours, group: 'global' };
  const loner = { teamId: 'loner', hours: newYork, group: null };

  it('hands what waits in a closed team to an open team of its group, never across groups', () => {
    // Monday 2026-11-23 23:00 UTC: 18:00 in New York (closed), Tuesday 10:00 in Sydney (open).
    const handovers = followTheSunHandovers([ny, sydney, loner], at('2026-11-23T23:00:00Z'));
    expect([...handovers]).toEqual([['ny', 'sydney']]);
    // Monday 15:00 UTC: New York open, Sydney (Tuesday 02:00) closed.
    expect([...followTheSunHandovers([ny, sydney], at('2026-11-23T15:00:00Z'))]).toEqual([
      ['sydney', 'ny'],
    ]);
  });

  it('hands nothing over when the whole group is closed, or on a holiday of the taker', () => {
    // Saturday 2026-11-28 15:00 UTC: New York closed (weekend), Sydney Sunday 02:00 closed.
    expect(followTheSunHandovers([ny, sydney], at('2026-11-28T15:00:00Z')).size).toBe(0);
    // Thanksgiving, 15:00 UTC: New York closed by its holiday, Sydney (Friday 02:00) closed too.
    expect(followTheSunHandovers([ny, sydney], at('2026-11-26T15:00:00Z')).size).toBe(0);
  });

  it('promises the earliest answer of the group, or none when someone is open now', () => {
    const saturday = at('2026-11-28T15:00:00Z');
    // Sydney opens Monday 09:00 AEDT = Sunday 22:00 UTC, before New York's Monday 14:00 UTC.
    expect(nextAnswerAt(ny, [ny, sydney], saturday)).toEqual(at('2026-11-29T22:00:00Z'));
    expect(nextAnswerAt(loner, [ny, sydney, loner], saturday)).toEqual(at('2026-11-30T14:00:00Z'));
    expect(nextAnswerAt(ny, [ny, sydney], at('2026-11-23T23:00:00Z'))).toBeNull();
  });
});
