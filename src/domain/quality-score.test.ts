import { describe, expect, it } from 'vitest';
import { scorecardProblem, scoresProblem, weightedScore } from './quality-score.ts';

const criteria = [
  { id: 'a', name: 'Accuracy', weight: 3 },
  { id: 'e', name: 'Empathy', weight: 1 },
];

describe('weightedScore', () => {
  it('maps 1–5 onto 0–100 and weighs each criterion by its share', () => {
    const all = (score: number) => criteria.map((c) => ({ criterionId: c.id, score }));
    expect(weightedScore(criteria, all(1))).toBe(0);
    expect(weightedScore(criteria, all(5))).toBe(100);
    expect(weightedScore(criteria, all(3))).toBe(50);
    // Accuracy 5 (100) × 3 + Empathy 1 (0) × 1, over 4.
    const mixed = [
      { criterionId: 'a', score: 5 },
      { criterionId: 'e', score: 1 },
    ];
    expect(weightedScore(criteria, mixed)).toBe(75);
  });

  it('rounds to one decimal', () => {
    const three = [...criteria, { id: 't', name: 'Tone', weight: 2 }];
    const scores = [
      { criterionId: 'a', score: 4 },
      { criterionId: 'e', score: 2 },
      { criterionId: 't', score: 5 },
    ];
    // (75×3 + 25×1 + 100×2) / 6 = 75.
    expect(weightedScore(three, scores)).toBe(75);
    expect(weightedScore(three, [...scores.slice(0, 2), { criterionId: 't', score: 3 }])).toBe(
      58.3,
    );
  });
});

describe('scoresProblem', () => {
  it('accepts one whole 1–5 score per criterion', () => {
    expect(
      scoresProblem(criteria, [
        { criterionId: 'a', score: 4 },
        { criterionId: 'e', score: 2 },
      ]),
    ).toBeUndefined();
  });

  it('names the criteria not scored, and refuses unknown, repeated or out-of-range scores', () => {
    expect(scoresProblem(criteria, [{ criterionId: 'a', score: 4 }])).toContain('Empathy');
    expect(scoresProblem(criteria, [{ criterionId: 'x', score: 4 }])).toContain('does not have');
    expect(
      scoresProblem(criteria, [
        { criterionId: 'a', score: 4 },
        { criterionId: 'a', score: 3 },
      ]),
    ).toContain('twice');
    for (const score of [0, 6, 2.5])
      expect(scoresProblem(criteria, [{ criterionId: 'a', score }])).toContain('1 to 5');
  });
});

describe('scorecardProblem', () => {
  it('needs named, distinct criteria with whole weights 1–100', () => {
    expect(scorecardProblem([{ name: 'Tone', weight: 1 }])).toBeUndefined();
    expect(scorecardProblem([])).toContain('at least one');
    expect(scorecardProblem([{ name: '  ', weight: 1 }])).toContain('name');
    expect(
      scorecardProblem([
        { name: 'Tone', weight: 1 },
        { name: 'tone ', weight: 2 },
      ]),
    ).toContain('twice');
    expect(scorecardProblem([{ name: 'Tone', weight: 0 }])).toContain('1 to 100');
    expect(scorecardProblem([{ name: 'Tone', weight: 1.5 }])).toContain('1 to 100');
  });
});
