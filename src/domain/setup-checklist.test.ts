import { describe, expect, it } from 'vitest';
import { setupSteps } from './setup-checklist.ts';

const none = { brands: 0, channels: 0, teams: 0, slaPolicies: 0, teammates: 0 };

describe('the first-run checklist', () => {
  it('lists the steps in setup order, none done in an empty workspace', () => {
    expect(setupSteps(none)).toEqual([
      { key: 'brand', done: false },
      { key: 'channel', done: false },
      { key: 'team', done: false },
      { key: 'sla', done: false },
      { key: 'teammates', done: false },
    ]);
  });

  it('ticks each step from its own count only', () => {
    const done = (counts: Partial<typeof none>) =>
      setupSteps({ ...none, ...counts })
        .filter((step) => step.done)
        .map((step) => step.key);
    expect(done({ brands: 1 })).toEqual(['brand']);
    expect(done({ channels: 2, slaPolicies: 1 })).toEqual(['channel', 'sla']);
    expect(done({ teams: 1, teammates: 3 })).toEqual(['team', 'teammates']);
  });
});
