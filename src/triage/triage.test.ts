import { describe, expect, it } from 'vitest';
import type { TriageAnalysis } from './models.ts';
import { composeTriage, modelsAssessed } from './triage.ts';

const angryComplaint: TriageAnalysis = {
  language: { language: 'en', confidence: 0.99 },
  sentimentScored: true,
  sentiment: { label: 'negative', score: -0.8123456, confidence: 0.9 },
  complaint: { complaint: true, probability: 0.93 },
  intent: { intent: 'get_refund', category: 'REFUND', confidence: 0.7 },
  socialIntent: { socialIntent: 'complaint', confidence: 0.8 },
};

describe('composeTriage', () => {
  it('carries the predictions and explains the priority', () => {
    const result = composeTriage(
      { text: '@acme two weeks and still no refund for my broken kettle', authorFollowers: 48_000 },
      angryComplaint,
    );
    expect(result).toMatchObject({
      sentiment: 'negative',
      sentimentScore: -0.812,
      complaint: true,
      complaintProbability: 0.93,
      intent: 'get_refund',
      category: 'REFUND',
      socialIntent: 'complaint',
      socialIntentConfidence: 0.8,
      language: 'en',
      spam: false,
      abuse: false,
    });
    expect(result.reasons).toEqual([
      'complaint',
      'very negative',
      'author has 48k followers',
      'mentions refund',
      'request: get refund',
    ]);
    expect(result.priority).toBeGreaterThan(60);
  });

  it('names a request intent only for a request (not praise or chatter) the intent model is sure of', () => {
    const joke = composeTriage(
      { text: 'refund me my childhood lol' },
      {
        ...angryComplaint,
        sentiment: { label: 'neutral', score: 0.1, confidence: 0.6 },
        complaint: { complaint: false, probability: 0.1 },
        intent: { intent: 'get_refund', category: 'REFUND', confidence: 0.9 },
        socialIntent: { socialIntent: 'other', confidence: 0.7 },
      },
    );
    expect(joke).toMatchObject({ intent: 'other', category: 'SOCIAL', intentConfidence: 0.7 });
    expect(joke.reasons.some((reason) => reason.startsWith('request'))).toBe(false);

    const unsure = composeTriage(
      { text: 'this is the third time' },
      { ...angryComplaint, intent: { intent: 'get_refund', category: 'REFUND', confidence: 0.4 } },
    );
    expect(unsure).toMatchObject({
      intent: 'complaint',
      category: 'FEEDBACK',
      intentConfidence: 0.8,
    });
    expect(unsure.reasons).not.toContain('request: get refund');

    const question = composeTriage(
      { text: 'do you fly to Oslo?' },
      {
        ...angryComplaint,
        sentiment: { label: 'neutral', score: 0, confidence: 0.8 },
        complaint: { complaint: false, probability: 0.05 },
        intent: { intent: 'delivery_options', category: 'DELIVERY', confidence: 0.3 },
        socialIntent: { socialIntent: 'question', confidence: 0.9 },
      },
    );
    expect(question).toMatchObject({ intent: 'question', category: 'SOCIAL' });
    expect(question.reasons).toContain('question');
  });

  it('gives text in another language "don\'t know" labels, never a confident wrong one', () => {
    const result = composeTriage(
      { text: 'Mon vol AF1234 est annulé et personne ne répond au téléphone.' },
      {
        // What the models return for a language they do not know.
        language: { language: 'fr', confidence: 0.97 },
        sentimentScored: false,
        sentiment: { label: 'neutral', score: 0, confidence: 0 },
        complaint: { complaint: false, probability: 0 },
        intent: { intent: 'other', category: 'SOCIAL', confidence: 0 },
        socialIntent: { socialIntent: 'other', confidence: 0 },
      },
    );
    expect(result).toMatchObject({
      sentiment: 'neutral',
      sentimentScore: 0,
      sentimentConfidence: 0,
      complaint: false,
      complaintProbability: 0.5,
      intent: 'other',
      intentConfidence: 0,
      socialIntent: 'other',
      socialIntentConfidence: 0,
      language: 'fr',
    });
    expect(result.reasons).toEqual(['not scored: language fr']);
  });

  it("takes a language's own sentiment model, and says the rest is not scored", () => {
    const unscored = {
      complaint: { complaint: false, probability: 0 },
      intent: { intent: 'other', category: 'SOCIAL', confidence: 0 },
      socialIntent: { socialIntent: 'other', confidence: 0 },
    } as const;
    const text = 'Northwind perdió mi maleta en Madrid, necesito ayuda urgente';
    const negative = composeTriage(
      { text },
      {
        ...unscored,
        language: { language: 'es', confidence: 0.98 },
        sentimentScored: true,
        sentiment: { label: 'negative', score: -0.7, confidence: 0.8 },
      },
    );
    expect(negative).toMatchObject({
      sentiment: 'negative',
      sentimentScore: -0.7,
      sentimentConfidence: 0.8,
      complaintProbability: 0.5,
      socialIntentConfidence: 0,
      language: 'es',
    });
    expect(negative.reasons).toContain('only sentiment scored: language es');
    const unknown = composeTriage(
      { text },
      {
        ...unscored,
        language: { language: 'es', confidence: 0.98 },
        sentimentScored: false,
        sentiment: { label: 'neutral', score: 0, confidence: 0 },
      },
    );
    // A negative post in a scored language ranks above the same post unscored.
    expect(negative.priority).toBeGreaterThan(unknown.priority);
  });

  it('sinks spam and lists why', () => {
    const result = composeTriage(
      { text: 'BTC giveaway! send 0.1 btc get 0.2 back https://claim.xyz/now' },
      angryComplaint,
    );
    expect(result.spam).toBe(true);
    expect(result.priority).toBeLessThanOrEqual(5);
    expect(result.reasons[0]).toBe('likely spam');
    expect(result.reasons).toContain('crypto giveaway pattern');
  });

  it('keeps abuse visible to the priority but marks it', () => {
    const result = composeTriage({ text: 'you are such idiots' }, angryComplaint);
    expect(result).toMatchObject({ abuse: true, spam: false });
    expect(result.reasons).toContain('personal insult');
  });

  it('lists spam-like hints only when the verdict is spam or abuse', () => {
    const result = composeTriage(
      { text: 'new store opening Friday https://bit.ly/store' },
      angryComplaint,
    );
    expect(result.reasons.some((r) => r.includes('shortener'))).toBe(false);
  });
});

describe('modelsAssessed', () => {
  it('counts English and undetermined text as labelled by the English models', () => {
    expect(modelsAssessed({ language: 'de', confidence: 0.95 })).toBe(false);
    expect(modelsAssessed({ language: 'und', confidence: 0 })).toBe(true);
    expect(modelsAssessed({ language: 'en', confidence: 1 })).toBe(true);
  });
});
