import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFeatures, FeatureBuffer } from './features.ts';
import { linearScores, softmax } from './linear.ts';
import { SOCIAL_CUES, socialCues } from './social-cues.ts';
import { TokenBuffer, tokenize } from './tokenize.ts';
import {
  analyze,
  loadTriageModels,
  predictComplaint,
  predictIntent,
  predictSentiment,
  predictSocialIntent,
  type TriageAnalysis,
} from './models.ts';

const models = loadTriageModels();

function expectWellFormed(result: TriageAnalysis): void {
  expect(['negative', 'neutral', 'positive']).toContain(result.sentiment.label);
  for (const value of [
    result.sentiment.confidence,
    result.complaint.probability,
    result.intent.confidence,
    result.socialIntent.confidence,
    result.language.confidence,
  ]) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
  }
  expect(Math.abs(result.sentiment.score)).toBeLessThanOrEqual(1);
  expect(result.intent.intent.length).toBeGreaterThan(0);
  expect(result.intent.category.length).toBeGreaterThan(0);
}

describe('shipped triage models', () => {
  it('loads once and caches per folder', () => {
    expect(loadTriageModels()).toBe(models);
  });

  it('fails with a clear message when the folder has no models', () => {
    expect(() => loadTriageModels('/nonexistent-earshot-models')).toThrow(/vader-lexicon\.json/);
  });

  it('reads clear sentiment', () => {
    expect(predictSentiment(models, 'I love this, thank you so much! 😍').label).toBe('positive');
    expect(predictSentiment(models, 'This is the worst service ever, I hate it').label).toBe(
      'negative',
    );
    expect(predictSentiment(models, 'The store opens at 9am on Monday').label).toBe('neutral');
    expect(predictSentiment(models, 'absolutely amazing, best day ever').score).toBeGreaterThan(
      0.5,
    );
  });

  it('tells complaints from thanks', () => {
    const complaint = predictComplaint(
      models,
      '@Delta my bag is lost and nobody answers the phone. Terrible service',
    );
    const thanks = predictComplaint(models, '@Delta thank you for the lovely flight, great crew!');
    expect(complaint.complaint).toBe(true);
    expect(thanks.complaint).toBe(false);
    expect(complaint.probability).toBeGreaterThan(thanks.probability);
  });

  it('names Bitext intents with their categories and our social intents', () => {
    expect(predictIntent(models, 'I want to cancel my order')).toMatchObject({
      intent: 'cancel_order',
      category: 'ORDER',
    });
    expect(predictIntent(models, 'how do I reset my password?')).toMatchObject({
      intent: 'recover_password',
      category: 'ACCOUNT',
    });
    expect(predictIntent(models, 'where is my refund? it has been two weeks')).toMatchObject({
      category: 'REFUND',
    });
    expect(predictIntent(models, '@acme love the new app, great job team! 😍')).toMatchObject({
      intent: 'praise',
      category: 'SOCIAL',
    });
    expect(
      predictIntent(models, '@acme you should add a dark mode to the app please'),
    ).toMatchObject({ intent: 'idea', category: 'SOCIAL' });
  });

  it('says what the author of a post is doing', () => {
    const said = (text: string) => predictSocialIntent(models, text).socialIntent;
    expect(said('@Delta my bag is lost and nobody answers the phone. Terrible service')).toBe(
      'complaint',
    );
    expect(said('@Delta how do I add a checked bag to a booking made through an agency?')).toBe(
      'question',
    );
    expect(said('@Delta thank you for the lovely flight, great crew!')).toBe('praise');
    expect(said('@Delta you should open a lounge in Leeds, would love that')).toBe('idea');
    expect(said('lol same, see you at the game tonight')).toBe('other');
  });

  it('gives analyze() the same answers as the single predictions', () => {
    const text = '@shop my order never arrived and I want my money back!!';
    const result = analyze(models, text);
    expect(result.sentiment).toEqual(predictSentiment(models, text));
    expect(result.complaint).toEqual(predictComplaint(models, text));
    expect(result.intent).toEqual(predictIntent(models, text));
    expect(result.socialIntent).toEqual(predictSocialIntent(models, text));
  });

  it('answers other languages with neutral, zero-confidence results', () => {
    const result = analyze(
      models,
      'Mijn pakket is nog steeds niet bezorgd en niemand neemt de telefoon op',
    );
    expect(result.language.language).toBe('nl');
    expect(models.sentimentByLanguage.has(result.language.language)).toBe(false);
    expect(result.sentimentScored).toBe(false);
    expect(result.sentiment).toEqual({ label: 'neutral', score: 0, confidence: 0 });
    expect(result.complaint.complaint).toBe(false);
    expect(result.intent.confidence).toBe(0);
    expect(result.socialIntent).toEqual({ socialIntent: 'other', confidence: 0 });
  });

  it("scores sentiment with a language's own model where one is shipped, and nothing else", () => {
    const french = 'Je suis très déçu, ma commande est arrivée cassée et personne ne répond';
    const result = analyze(models, french);
    expect(result.language.language).toBe('fr');
    // French and German have a model (models/sentiment-languages.md); es, it and pt do not.
    expect(result.sentimentScored).toBe(true);
    expect(result.sentiment.label).toBe('negative');
    expect(result.sentiment.confidence).toBeGreaterThan(0);
    expect(result.sentiment).toEqual(predictSentiment(models, french));
    const spanish = analyze(models, 'Northwind perdió mi maleta en Madrid, necesito ayuda urgente');
    expect(spanish.language.language).toBe('es');
    expect(spanish.sentimentScored).toBe(false);
    expect(result.complaint.complaint).toBe(false);
    expect(result.intent.confidence).toBe(0);
    expect(result.socialIntent).toEqual({ socialIntent: 'other', confidence: 0 });
  });

  it("reports the brand-directed head's sentiment, and changes nothing else", () => {
    const head = models.brandSentiment;
    expect(head).toBeDefined();
    // The same models without the head: a folder of links to every file but its two.
    const shipped = fileURLToPath(new URL('../../models/', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'earshot-models-'));
    try {
      for (const file of readdirSync(shipped))
        if (!file.startsWith('sentiment-brand.')) symlinkSync(join(shipped, file), join(dir, file));
      const general = loadTriageModels(dir);
      expect(general.brandSentiment).toBeUndefined();
      const texts = [
        '@acme my order is late again, third time this month',
        '@acme thanks, that fixed it',
        '@acme can I change the delivery address on my order?',
        'my order from acme is late again',
        'Shoutout to the acme crew, they found my lost bag',
      ];
      let differs = 0;
      for (const text of texts) {
        const withHead = analyze(models, text);
        const without = analyze(general, text);
        // complaint and socialIntent read the general model's probabilities either way.
        expect(withHead.complaint).toEqual(without.complaint);
        expect(withHead.socialIntent).toEqual(without.socialIntent);
        expect(withHead.sentiment).toEqual(predictSentiment(models, text));
        expect(without.sentiment).toEqual(predictSentiment(general, text));
        const tokens = new TokenBuffer();
        const features = new FeatureBuffer();
        tokenize(text, tokens);
        extractFeatures(tokens, models.lexicon, features);
        const cues = new Float64Array(SOCIAL_CUES);
        socialCues(text, tokens, cues);
        const p = new Float64Array(3);
        linearScores(head!.linear, features, p, head!.linear.extraInputs > 0 ? cues : undefined);
        const best = softmax(p, 3);
        expect(withHead.sentiment.label).toBe(['negative', 'neutral', 'positive'][best]);
        expect(withHead.sentiment.confidence).toBeCloseTo(p[best] ?? 0, 6);
        if (withHead.sentiment.confidence !== without.sentiment.confidence) differs++;
      }
      expect(differs).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns a result for bad input', () => {
    const inputs = [
      '',
      '   ',
      '😀😀😀🔥',
      '\ud800 broken \udfff surrogates \ud83d',
      'ok заказ 注文が届かない طلبي',
      'x'.repeat(1_000_000),
      'I hate it. '.repeat(100_000),
      '\u0000\u0001\u202e',
    ];
    for (const text of inputs) expectWellFormed(analyze(models, text));
  });
});
