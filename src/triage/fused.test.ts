import { describe, expect, it } from 'vitest';
import { FeatureBuffer, extractFeatures } from './features.ts';
import { fuseLinearModels, scoreFused } from './fused.ts';
import {
  GROUP_CHARS,
  GROUP_DENSE,
  GROUP_WORDS,
  createLinearModel,
  linearScores,
  type LinearModel,
} from './linear.ts';
import { analyze, loadTriageModels, type TriageModels } from './models.ts';
import { TokenBuffer, tokenize } from './tokenize.ts';
import { composeTriage, triageText } from './triage.ts';

const models = loadTriageModels();

/** Deterministic (mulberry32), so a failure names the same text every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = (
  '@NorthwindAir @AppleSupport my your the a flight bag order refund app update still again ' +
  'never lost charged twice waiting hours thanks thank you love great amazing worst terrible ' +
  "awful broken can't won't not please help how do I can you why is there would be nice if " +
  'you should add idea feature cancel account password invoice delivery tracking number ' +
  'today tomorrow LOVE IT!!! sooooo #fail #thanks https://t.co/abc bit.ly/xyz 😍 😡 🙏 ? ! ... ' +
  'perdió maleta necesito ayuda pourquoi toujours ich warte immer noch 5 stars 1/5 star'
).split(' ');

/** Posts stitched from customer-care words: complaints, praise, questions, ideas, noise. */
function generatedPosts(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 30);
    return Array.from(
      { length },
      () => vocabulary[Math.floor(next() * vocabulary.length)] ?? '',
    ).join(' ');
  });
}

function featuresOf(text: string): FeatureBuffer {
  const tokens = new TokenBuffer();
  const features = new FeatureBuffer();
  tokenize(text, tokens);
  extractFeatures(tokens, models.lexicon, features, true);
  return features;
}

function expectSameAsLinearScores(
  linear: readonly LinearModel[],
  texts: readonly string[],
  simd: boolean,
): void {
  const scorer = fuseLinearModels(linear, { simd });
  expect(scorer.simd !== undefined).toBe(simd);
  const expected = new Float64Array(64);
  for (const text of texts) {
    const features = featuresOf(text);
    scoreFused(scorer, features);
    linear.forEach((model, m) => {
      linearScores(model, features, expected);
      expect([...(scorer.logits[m] ?? [])]).toEqual([...expected.subarray(0, model.classes)]);
    });
  }
}

function randomModel(bits: number, classes: number, groups: number, seed: number): LinearModel {
  const next = random(seed);
  const model = createLinearModel(bits, classes, 0, groups);
  for (let i = 0; i < model.weights.length; i++)
    model.weights[i] = next() < 0.3 ? 0 : next() * 4 - 2;
  for (let c = 0; c < classes; c++) model.bias[c] = next() - 0.5;
  return model;
}

describe('fused scoring of the linear models', () => {
  const posts = generatedPosts(300, 24);

  it.each([
    ['in WebAssembly SIMD', true],
    ['in JavaScript', false],
  ])('gives every shipped model the scores linearScores gives, bit for bit, %s', (_, simd) => {
    expect(models.scorer.models.length).toBeGreaterThan(1);
    expectSameAsLinearScores([...models.scorer.models, ...models.intentScorer.models], posts, simd);
  });

  it.each([
    ['in WebAssembly SIMD', true],
    ['in JavaScript', false],
  ])('fuses models of any class and bucket count, whichever features each reads, %s', (_, simd) => {
    const all = GROUP_WORDS | GROUP_CHARS | GROUP_DENSE;
    expectSameAsLinearScores(
      [
        randomModel(10, 3, GROUP_WORDS | GROUP_DENSE, 1), // 3 + 5 + 1 classes at 2^10: a row of 16
        randomModel(10, 5, all, 2),
        randomModel(10, 1, all, 3),
        randomModel(12, 2, all, 4), // 2 + 2 at 2^12: a row of 4
        randomModel(12, 2, GROUP_WORDS, 5),
        randomModel(11, 6, all, 6), // 6 + 2 at 2^11: a row of 8
        randomModel(11, 2, all, 7),
        randomModel(9, 31, GROUP_WORDS | GROUP_DENSE, 8), // alone: a row of 32
        randomModel(8, 31, all, 9), // 31 + 5 at 2^8: wider than any kernel
        randomModel(8, 5, GROUP_CHARS, 10),
      ],
      posts.slice(0, 60),
      simd,
    );
  });

  it('leaves analyze() with the labels and probabilities of scoring each model alone', () => {
    const none = fuseLinearModels([]);
    const unfused: TriageModels = { ...models, scorer: none, intentScorer: none };
    for (const text of posts) {
      const fused = analyze(models, text);
      const alone = analyze(unfused, text);
      expect(fused.language).toEqual(alone.language);
      expect(fused.sentiment.label).toBe(alone.sentiment.label);
      expect(fused.complaint.complaint).toBe(alone.complaint.complaint);
      expect(fused.intent.intent).toBe(alone.intent.intent);
      expect(fused.socialIntent.socialIntent).toBe(alone.socialIntent.socialIntent);
      for (const [a, b] of [
        [fused.sentiment.score, alone.sentiment.score],
        [fused.sentiment.confidence, alone.sentiment.confidence],
        [fused.complaint.probability, alone.complaint.probability],
        [fused.intent.confidence, alone.intent.confidence],
        [fused.socialIntent.confidence, alone.socialIntent.confidence],
      ] as const)
        expect(Math.abs(a - b)).toBeLessThan(1e-6);
    }
  });

  it('triages as if the intent model had run on every post, though it runs on requests only', () => {
    for (const text of posts)
      expect(triageText(models, { text })).toEqual(
        composeTriage({ text }, analyze(models, text, { intent: 'always' })),
      );
  });
});
