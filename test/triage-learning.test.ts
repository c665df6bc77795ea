import { describe, expect, it } from 'vitest';
import { minimize } from '../scripts/train/lbfgs.ts';
import { balanceClasses, featurize } from '../scripts/train/dataset.ts';
import { decide, predictProbabilities } from '../scripts/train/predict.ts';
import { seededShuffle } from '../scripts/train/random.ts';
import { trainSoftmax } from '../scripts/train/softmax-regression.ts';
import { stratifiedFolds, withStackedInputs } from '../scripts/train/complaint.ts';
import { predictMlp, trainMlp } from '../scripts/train/mlp.ts';
import { GROUP_DENSE, GROUP_WORDS } from '../src/triage/linear.ts';
import { macroRecall, f1 } from '../scripts/train/metrics.ts';
import { buildLexicon } from '../src/triage/lexicon.ts';
import { TokenBuffer, tokenize } from '../src/triage/tokenize.ts';
import { outOfFoldPmi } from '../scripts/train/pmi-inputs.ts';
import { PMI_FEATURES, pmiFeatures } from '../scripts/train/pmi-features.ts';

describe('training code', () => {
  it('minimises a convex quadratic with L-BFGS', () => {
    const centre = [3, -2, 0.5, 10];
    const objective = (x: Float64Array, g: Float64Array): number => {
      let loss = 0;
      centre.forEach((c, i) => {
        const d = (x[i] ?? 0) - c;
        loss += (i + 1) * d * d;
        g[i] = 2 * (i + 1) * d;
      });
      return loss;
    };
    const { x } = minimize(objective, new Float64Array(4), { iterations: 100 });
    centre.forEach((c, i) => expect(x[i]).toBeCloseTo(c, 4));
  });

  it('learns three classes of synthetic posts and generalises to unseen ones', () => {
    const words = {
      0: ['awful', 'broken', 'hate'],
      1: ['monday', 'store', 'opens'],
      2: ['love', 'great', 'thanks'],
    } as const;
    const texts: string[] = [];
    const labels: number[] = [];
    const random = seededShuffle(
      Array.from({ length: 300 }, (_, i) => i),
      1,
    );
    for (const i of random) {
      const label = i % 3;
      const pool = words[label as 0 | 1 | 2];
      texts.push(`the ${pool[i % 3]} thing ${pool[(i + 1) % 3]} today`);
      labels.push(label);
    }
    const lexicon = buildLexicon({});
    const data = featurize(texts, labels, lexicon);
    balanceClasses(data, 3);
    const model = trainSoftmax(data, { bits: 12, classes: 3, l2: 1e-3, iterations: 50 });
    const unseen = featurize(
      ['so much hate', 'great thanks', 'store opens monday'],
      [0, 2, 1],
      lexicon,
    );
    const predicted = decide(predictProbabilities(model, unseen), 3);
    expect(Array.from(predicted)).toEqual([0, 2, 1]);
    expect(macroRecall(unseen.labels, predicted, 3)).toBe(1);
  });

  it('is deterministic', () => {
    const lexicon = buildLexicon({});
    const data = featurize(
      ['good day', 'bad day', 'fine day', 'good night'],
      [1, 0, 1, 1],
      lexicon,
    );
    const a = trainSoftmax(data, { bits: 10, classes: 2, l2: 1e-2, iterations: 20 });
    const b = trainSoftmax(data, { bits: 10, classes: 2, l2: 1e-2, iterations: 20 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('trains the hidden-layer model deterministically, and it learns', () => {
    const lexicon = buildLexicon({});
    const texts: string[] = [];
    const labels: number[] = [];
    const pools = [
      ['awful', 'broken', 'hate'],
      ['love', 'great', 'thanks'],
    ];
    for (let i = 0; i < 120; i++) {
      const pool = pools[i % 2] ?? [];
      texts.push(`the ${pool[i % 3]} thing ${pool[(i + 1) % 3]}`);
      labels.push(i % 2);
    }
    const data = featurize(texts, labels, lexicon);
    const options = {
      bits: 10,
      hidden: 8,
      classes: 2,
      groups: GROUP_WORDS | GROUP_DENSE,
      epochs: 5,
      learningRate: 0.01,
      inputDropout: 0.2,
      seed: 3,
    };
    const a = trainMlp(data, options);
    const b = trainMlp(data, options);
    expect(Array.from(a.w1)).toEqual(Array.from(b.w1));
    expect(Array.from(trainMlp(data, { ...options, seed: 4 }).w1)).not.toEqual(Array.from(a.w1));
    const unseen = featurize(['so much hate', 'great thanks'], [0, 1], lexicon);
    expect(Array.from(decide(predictMlp(a, unseen), 2))).toEqual([0, 1]);
  });

  it('deals stratified folds of nearly equal size with the same seed', () => {
    const labels = Array.from({ length: 103 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, 9);
    expect(stratifiedFolds(labels, 5, 9)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      const members = folds.flatMap((k, i) => (k === f ? [i] : []));
      expect(members.length).toBeGreaterThanOrEqual(20);
      expect(members.filter((i) => labels[i] === 1).length).toBeGreaterThanOrEqual(6);
    }
  });

  it('learns PMI scores from labelled posts and never scores a row with its own fold', () => {
    const posts = [
      ...Array.from({ length: 6 }, () => ['great day', 2] as const),
      ...Array.from({ length: 6 }, () => ['awful day', 0] as const),
      ...Array.from({ length: 6 }, () => ['the day', 1] as const),
      ['unique words here', 1] as const,
    ];
    const texts = posts.map(([text]) => text);
    const folds = posts.map((_, i) => (i === posts.length - 1 ? 1 : i % 2 === 0 ? 0 : 2));
    const pmi = outOfFoldPmi(
      texts,
      posts.map(([, label]) => label),
      1,
      folds,
    );
    const tokens = new TokenBuffer();
    const scoreOf = (word: string, which: 0 | 1): number => {
      tokenize(word, tokens);
      const at = pmi.full.unigrams.get(tokens.hash[0] ?? 0);
      return at === undefined ? NaN : (pmi.full.scores[2 * at + which] ?? NaN);
    };
    expect(scoreOf('great', 0)).toBeGreaterThan(2);
    expect(scoreOf('awful', 0)).toBeLessThan(-2);
    expect(Math.abs(scoreOf('day', 0))).toBeLessThan(0.01);
    expect(scoreOf('the', 1)).toBeLessThan(-2);
    // The only post with "unique" is in fold 1: its own lexicon must not know the word.
    tokenize('unique', tokens);
    expect(pmi.full.unigrams.has(tokens.hash[0] ?? 0)).toBe(true);
    expect(pmi.lexiconOf(posts.length - 1).unigrams.has(tokens.hash[0] ?? 0)).toBe(false);
    const features = new Float64Array(PMI_FEATURES);
    tokenize('great great awful', tokens);
    pmiFeatures(tokens, pmi.full, features);
    const [sum, above, max, min, last] = features;
    expect(sum).toBeCloseTo(2 * scoreOf('great', 0) + scoreOf('awful', 0));
    expect([above, max, min, last]).toEqual([
      2,
      scoreOf('great', 0),
      scoreOf('awful', 0),
      scoreOf('awful', 0),
    ]);
  });

  it('stacks a model or its probabilities given row by row as the same extra inputs', () => {
    const lexicon = buildLexicon({});
    const texts = ['love it', 'hate it', 'it opens monday', 'love love', 'hate this'];
    const data = featurize(texts, [2, 0, 1, 2, 0], lexicon);
    const model = trainSoftmax(data, { bits: 10, classes: 3, l2: 1e-3, iterations: 20 });
    const probabilities = predictProbabilities(model, data);
    const fromModel = withStackedInputs(data, [model]);
    const given = withStackedInputs(data, [{ classes: 3, probabilities }]);
    expect(given.extraInputs).toBe(3);
    expect(Array.from(given.extra)).toEqual(Array.from(fromModel.extra));
    // Out-of-fold probabilities differ from the model's: they are used as given.
    const other = probabilities.map((_, i) => (i % 3 === 1 ? 1 : 0));
    const stacked = withStackedInputs(data, [{ classes: 3, probabilities: other }, model]);
    expect(stacked.extraInputs).toBe(6);
    expect(Array.from(stacked.extra.subarray(0, 6))).toEqual([
      0,
      1,
      0,
      ...Array.from(probabilities.subarray(0, 3)),
    ]);
    expect(() =>
      withStackedInputs(data, [{ classes: 3, probabilities: new Float64Array(3) }]),
    ).toThrow('rows differ');
  });

  it('computes F1 and macro recall', () => {
    expect(f1([1, 1, 0, 0], [1, 0, 1, 0])).toBeCloseTo(0.5);
    expect(macroRecall([0, 0, 1, 2], [0, 1, 1, 2], 3)).toBeCloseTo((0.5 + 1 + 1) / 3);
  });
});
