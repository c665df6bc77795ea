import { describe, expect, it } from 'vitest';
import { computePriority, formatCount } from './priority.ts';
import type { PriorityInput } from './priority.ts';

const nondecreasing = (values: readonly number[]) =>
  values.every((value, i) => i === 0 || value >= (values[i - 1] ?? 0));

describe('computePriority', () => {
  it('gives a plain neutral mention a low priority and no reasons', () => {
    expect(computePriority({ sentiment: 'neutral', sentimentScore: 0 })).toEqual({
      priority: 0,
      reasons: [],
    });
  });

  it('raises a complaint, more the likelier it is', () => {
    const ps = [0, 0.3, 0.6, 0.9, 1].map(
      (p) => computePriority({ complaintProbability: p }).priority,
    );
    expect(nondecreasing(ps)).toBe(true);
    expect(ps[4]).toBeGreaterThan(ps[0] ?? 0);
    expect(computePriority({ complaintProbability: 0.9 }).reasons).toEqual(['complaint']);
    expect(computePriority({ complaint: true }).reasons).toEqual(['complaint']);
  });

  it('gives no reason for a negligible factor', () => {
    expect(computePriority({ complaintProbability: 0.01, sentimentScore: -0.05 }).reasons).toEqual(
      [],
    );
    expect(computePriority({ complaintProbability: 0.3 }).reasons).toEqual(['possible complaint']);
  });

  it('raises negative sentiment, more the more negative', () => {
    const ps = [1, 0, -0.2, -0.6, -1].map((s) => computePriority({ sentimentScore: s }).priority);
    expect(nondecreasing(ps)).toBe(true);
    expect(ps[4]).toBeGreaterThan(ps[1] ?? 0);
    expect(computePriority({ sentimentScore: -0.8 }).reasons).toEqual(['very negative']);
    expect(computePriority({ sentiment: 'negative' }).reasons).toEqual(['very negative']);
  });

  it('raises authors with reach and says how many followers', () => {
    const ps = [0, 500, 1_000, 48_000, 1_000_000, 50_000_000].map(
      (f) => computePriority({ authorFollowers: f }).priority,
    );
    expect(nondecreasing(ps)).toBe(true);
    expect(ps[1]).toBe(0);
    expect(ps[3]).toBeGreaterThan(0);
    expect(ps[5]).toBe(ps[4]);
    expect(computePriority({ authorFollowers: 48_200 }).reasons).toEqual([
      'author has 48k followers',
    ]);
  });

  it('raises a post spreading fast and says how fast', () => {
    const ps = [0, 3, 30, 300, 3000].map(
      (reposts) => computePriority({ engagement: { reposts, minutes: 10 } }).priority,
    );
    expect(nondecreasing(ps)).toBe(true);
    expect(ps[3]).toBeGreaterThan(ps[1] ?? 0);
    expect(computePriority({ engagement: { reposts: 30, minutes: 10 } }).reasons).toEqual([
      'reposted 30× in 10 min',
    ]);
    const slow = computePriority({ engagement: { reposts: 30, minutes: 600 } }).priority;
    const fast = computePriority({ engagement: { reposts: 30, minutes: 10 } }).priority;
    expect(fast).toBeGreaterThan(slow);
  });

  it('raises mentions of refunds, cancellation, lawyers and safety', () => {
    const base = computePriority({ text: 'my order is late' }).priority;
    for (const [text, reason] of [
      ['I want a refund', 'mentions refund'],
      ['cancel my subscription now', 'mentions cancel'],
      ['talking to my lawyer about this', 'mentions lawyer'],
      ['the charger caught fire, this is a safety issue', 'mentions caught fire/safety'],
    ] as const) {
      const result = computePriority({ text });
      expect(result.priority).toBeGreaterThan(base);
      expect(result.reasons).toContain(reason);
    }
    const safety = computePriority({ text: 'safety' }).priority;
    const refund = computePriority({ text: 'refund' }).priority;
    expect(safety).toBeGreaterThan(refund);
  });

  it('raises requests and questions, not praise', () => {
    expect(computePriority({ intent: 'cancel_order' }).reasons).toEqual(['request: cancel order']);
    expect(computePriority({ intent: 'question' }).priority).toBeGreaterThan(0);
    expect(computePriority({ intent: 'praise' }).priority).toBe(0);
  });

  it('adds factors up, most important reason first, and stays within 0..100', () => {
    const everything: PriorityInput = {
      sentimentScore: -1,
      complaintProbability: 1,
      intent: 'get_refund',
      authorFollowers: 10_000_000,
      engagement: { reposts: 1e9, likes: 1e9, replies: 1e9, minutes: 1 },
      text: 'refund, lawyer, cancel, safety',
    };
    const result = computePriority(everything);
    expect(result.priority).toBeLessThanOrEqual(100);
    expect(result.priority).toBeGreaterThan(computePriority({ complaintProbability: 1 }).priority);
    expect(result.reasons[0]).toBe('complaint');
    expect(result.reasons).toHaveLength(9);
  });

  it('sinks spam whatever else it says', () => {
    const result = computePriority({ complaint: true, text: 'refund scam', spam: true });
    expect(result.priority).toBeLessThanOrEqual(5);
    expect(result.reasons[0]).toBe('likely spam');
  });

  it('ignores nonsense numbers instead of failing', () => {
    const result = computePriority({
      sentimentScore: Number.NaN,
      complaintProbability: 7,
      authorFollowers: -3,
      engagement: { reposts: -5, likes: Number.POSITIVE_INFINITY, minutes: 0 },
    });
    expect(result.priority).toBeGreaterThanOrEqual(0);
    expect(result.priority).toBeLessThanOrEqual(100);
  });
});

describe('formatCount', () => {
  it('writes counts the way people read them', () => {
    expect([950, 48_200, 1_250_000].map(formatCount)).toEqual(['950', '48k', '1.3M']);
  });
});

describe('computePriority for text the models could not label', () => {
  it('asks for a human read and says why', () => {
    const result = computePriority({ untriagedLanguage: 'fr', text: 'mon vol est annulé' });
    expect(result.priority).toBeGreaterThan(computePriority({ text: 'mon vol' }).priority);
    expect(result.reasons).toEqual(['not scored: language fr']);
  });

  it('makes a one-star review urgent on its own, a two-star one less, and says so', () => {
    const oneStar = computePriority({ rating: 1 });
    expect(oneStar.priority).toBeGreaterThan(computePriority({ complaint: true }).priority);
    expect(oneStar.reasons).toEqual(['1-star review']);
    const stars = [5, 4, 3, 2, 1].map((rating) => computePriority({ rating }).priority);
    expect(nondecreasing(stars)).toBe(true);
    expect(stars[0]).toBe(0);
    expect(computePriority({ rating: 2 }).reasons).toEqual(['2-star review']);
  });
});
