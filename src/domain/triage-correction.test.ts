import { describe, expect, it } from 'vitest';
import { rescoreWithCorrections } from './triage-correction.ts';

const input = { text: 'my bag is lost', authorFollowers: 120, engagement: {}, minutes: 5 };
const model = {
  sentiment: 'neutral',
  sentimentScore: 0,
  complaintProbability: 0.05,
  intent: 'other',
  socialIntent: 'other',
  spam: false,
  language: 'en',
};

describe('rescoreWithCorrections', () => {
  it('gives what the model said the same priority as intake would', () => {
    const asIs = rescoreWithCorrections(model, {}, input);
    expect(asIs).toMatchObject({ sentiment: 'neutral', socialIntent: 'other', spam: false });
    expect(asIs.priority).toBeLessThan(10);
  });

  it('raises a post a person calls a negative complaint', () => {
    const corrected = rescoreWithCorrections(
      model,
      { sentiment: 'negative', complaint: 'yes', socialIntent: 'complaint' },
      input,
    );
    expect(corrected).toMatchObject({ sentiment: 'negative', socialIntent: 'complaint' });
    expect(corrected.reasons.slice(0, 2)).toEqual(['complaint', 'very negative']);
    expect(corrected.priority).toBeGreaterThan(35);
  });

  it('sinks what a person calls spam, and lifts it again when they say it is not', () => {
    const spam = rescoreWithCorrections(model, { spam: 'yes' }, input);
    expect(spam).toMatchObject({ spam: true });
    expect(spam.priority).toBeLessThanOrEqual(5);
    const notSpam = rescoreWithCorrections(
      { ...model, spam: true, complaintProbability: 0.9 },
      { spam: 'no' },
      input,
    );
    expect(notSpam.spam).toBe(false);
    expect(notSpam.priority).toBeGreaterThan(20);
  });

  it('counts a post in a language the models cannot read as scored once a person labels it', () => {
    const spanish = { ...model, language: 'es', complaintProbability: 0.5 };
    expect(rescoreWithCorrections(spanish, {}, input).reasons).toContain('not scored: language es');
    const read = rescoreWithCorrections(spanish, { complaint: 'yes' }, input);
    expect(read.reasons).not.toContain('not scored: language es');
    expect(read.reasons).toContain('complaint');
  });

  it("keeps the sentiment a language's own model gave, and says the rest is unscored", () => {
    const spanish = { ...model, language: 'es', complaintProbability: 0.5 };
    const negative = {
      ...spanish,
      sentiment: 'negative',
      sentimentScore: -0.8,
      sentimentConfidence: 0.9,
    };
    const scored = rescoreWithCorrections(negative, {}, input);
    expect(scored.reasons).toContain('only sentiment scored: language es');
    expect(scored.priority).toBeGreaterThan(rescoreWithCorrections(spanish, {}, input).priority);
  });

  it('scores a mention that was never labelled from the corrections alone', () => {
    const corrected = rescoreWithCorrections(null, { complaint: 'yes' }, input);
    expect(corrected.reasons).toContain('complaint');
    expect(corrected.sentiment).toBeNull();
  });
});
