import { describe, expect, it } from 'vitest';
import {
  compareCandidates,
  replyDifficulty,
  stableHash,
  weekOf,
  weekRange,
  weeklySample,
} from './quality-sample.ts';
import type { DifficultyReason } from './quality-sample.ts';

const candidate = (replyId: string, agentId: string, reasons: DifficultyReason[] = []) => ({
  replyId,
  agentId,
  reasons,
});

describe('replyDifficulty', () => {
  it('names low CSAT, viral, tone flags and negative sentiment, strongest first', () => {
    expect(
      replyDifficulty({ sentiment: 'negative', viral: true, toneFlagCount: 2, csatScore: 1 }),
    ).toEqual(['low_csat', 'viral', 'tone_flagged', 'negative']);
    expect(
      replyDifficulty({ sentiment: 'positive', viral: false, toneFlagCount: 0, csatScore: 3 }),
    ).toEqual([]);
    expect(
      replyDifficulty({ sentiment: null, viral: false, toneFlagCount: 0, csatScore: 2 }),
    ).toEqual(['low_csat']);
  });
});

describe('weeklySample', () => {
  it('takes difficult replies first, then orders the rest by a stable hash of the id', () => {
    const ordinary = ['r1', 'r2', 'r3', 'r4'].map((id) => candidate(id, 'ann'));
    const hard = candidate('r9', 'ann', ['negative']);
    const harder = candidate('r8', 'ann', ['low_csat']);
    const sample = weeklySample([...ordinary, hard, harder], 4);
    expect(sample.slice(0, 2).map((c) => c.replyId)).toEqual(['r8', 'r9']);
    const byHash = [...ordinary].sort((a, b) => stableHash(a.replyId) - stableHash(b.replyId));
    expect(sample.slice(2).map((c) => c.replyId)).toEqual(byHash.slice(0, 2).map((c) => c.replyId));
  });

  it('samples each agent alone and gives the same answer whatever order it is given', () => {
    const all = [
      ...['a1', 'a2', 'a3'].map((id) => candidate(id, 'ann')),
      ...['b1', 'b2'].map((id) => candidate(id, 'bob')),
    ];
    const sample = weeklySample(all, 2);
    expect(sample.filter((c) => c.agentId === 'ann')).toHaveLength(2);
    expect(sample.filter((c) => c.agentId === 'bob')).toHaveLength(2);
    expect(weeklySample([...all].reverse(), 2)).toEqual(sample);
    expect(weeklySample(all, 0)).toEqual([]);
  });

  it('breaks ties of rank and hash by id, so the order is total', () => {
    expect(compareCandidates(candidate('x', 'a'), candidate('x', 'a'))).toBe(0);
  });
});

describe('stableHash', () => {
  it('is FNV-1a 32-bit', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
  });
});

describe('weeks', () => {
  it('starts on Monday in UTC', () => {
    expect(weekOf(new Date('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
    expect(weekOf(new Date('2026-12-13T23:59:59Z'))).toBe('2026-12-07');
    expect(weekOf(new Date('2026-12-14T00:00:00Z'))).toBe('2026-12-14');
  });

  it('reads a Monday as its seven days, and refuses anything else', () => {
    expect(weekRange('2026-12-07')).toEqual({
      from: new Date('2026-12-07T00:00:00Z'),
      to: new Date('2026-12-14T00:00:00Z'),
    });
    expect(weekRange('2026-12-08')).toBeUndefined();
    expect(weekRange('2026-02-30')).toBeUndefined();
    expect(weekRange('monday')).toBeUndefined();
  });
});
