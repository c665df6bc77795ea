/**
 * A joint (multi-task) socialIntent model (models/social-intent.md, joint round), rerunnable:
 * `node scripts/train/social-intent-joint-experiment.ts`.
 * The five-class softmax member is replaced by one softmax over the 15 pairs (intent,
 * sentiment) of the labelled posts; its intent probabilities are the sums over sentiment, so
 * the sentiment labels shape what the shared weights learn (a complaint that is angry and one
 * that is polite are separate targets). Forum suggestions join as (idea, neutral). Same folds
 * as social-intent-cv.ts; prints socialIntent accuracy / macro-F1 of each member and blend,
 * and the brand-post sentiment macro recall of the joint model's sentiment sums. Out-of-fold
 * probabilities go to /tmp/social-intent-joint-*.bin.
 */
import { writeFileSync } from 'node:fs';
import { readModel } from '../../src/triage/model-file.ts';
import { subset } from './dataset.ts';
import { MODELS_DIR } from './data.ts';
import { readLexicon } from './lexicon-export.ts';
import { f1, macroF1, macroRecall } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { SENTIMENT_LABELS } from './sentiment.ts';
import { readSocialIntents, SOCIAL_INTENTS } from './social-intent-data.ts';
import { trainSuggestionModel } from './social-intent-stack.ts';
import {
  fitSocialIntent,
  SOCIAL_INTENT_SETTINGS,
  socialIntentData,
  stratifiedMulticlassFolds,
  weigh,
} from './social-intent.ts';
import { trainSoftmax } from './softmax-regression.ts';

const k = SOCIAL_INTENTS.length;
const S = SOCIAL_INTENT_SETTINGS;
const lexicon = readLexicon();
const sentiment = readModel(MODELS_DIR, 'sentiment').linear;
const all = socialIntentData(lexicon, [sentiment, trainSuggestionModel(lexicon)], false);
const labels = all.data.labels.slice(0, all.posts);
const fold = stratifiedMulticlassFolds(labels, 5, 2024);
const sentiments = readSocialIntents().map((p) => SENTIMENT_LABELS.indexOf(p.sentiment));
const neutral = SENTIMENT_LABELS.indexOf('neutral');
const l2 = Number(process.argv.find((a) => a.startsWith('l2='))?.slice(3) ?? S.l2);

const softmax5 = new Float64Array(all.posts * k);
const ovr = new Float64Array(all.posts * k);
const joint = new Float64Array(all.posts * k * 3);
const rows = Array.from({ length: all.data.rows }, (_, i) => i);
for (let f = 0; f < 5; f++) {
  const started = Date.now();
  const train = rows.filter((row) => fold[all.origin[row] ?? -1] !== f);
  const test = rows.filter((row) => fold[all.origin[row] ?? -1] === f && all.kind[row] === 0);
  const testData = subset(all.data, test);
  const put = (out: Float64Array, p: Float64Array, width: number) =>
    test.forEach((row, i) => out.set(p.subarray(i * width, i * width + width), row * width));
  put(
    softmax5,
    predictProbabilities(fitSocialIntent(all, train, { ...S, oneVsRest: 0 }), testData),
    k,
  );
  put(ovr, predictProbabilities(fitSocialIntent(all, train, { ...S, oneVsRest: 1 }), testData), k);
  // Class weights as the five-class softmax's (by intent), then the pair as the label.
  const data = subset(all.data, train);
  weigh(
    data,
    Uint8Array.from(train, (r) => all.kind[r] ?? 0),
    S,
  );
  data.labels = Uint16Array.from(train, (r, i) => {
    const intent = data.labels[i] ?? 0;
    const s = all.kind[r] === 0 ? (sentiments[all.origin[r] ?? 0] ?? neutral) : neutral;
    return intent * 3 + s;
  });
  const model = trainSoftmax(data, {
    bits: S.bits,
    classes: k * 3,
    l2,
    iterations: S.iterations,
    groups: S.groups,
  });
  put(joint, predictProbabilities(model, testData), k * 3);
  console.log(`fold ${f + 1}/5 (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

const jointIntent = new Float64Array(all.posts * k);
const jointSentiment = new Float64Array(all.posts * 3);
for (let i = 0; i < all.posts; i++)
  for (let c = 0; c < k * 3; c++) {
    const p = joint[i * k * 3 + c] ?? 0;
    jointIntent[i * k + Math.floor(c / 3)]! += p;
    jointSentiment[i * 3 + (c % 3)]! += p;
  }
/** Logits averaged (log-probabilities: the per-row constants do not change the arg max). */
function blend(a: Float64Array, b: Float64Array, share: number): Float64Array {
  return a.map((p, i) => Math.exp((1 - share) * Math.log(p) + share * Math.log(b[i] ?? 0)));
}
const pct = (x: number): string => (100 * x).toFixed(1);
function report(name: string, p: Float64Array): void {
  const predicted = decide(p, k);
  let hits = 0;
  predicted.forEach((c, i) => (hits += c === labels[i] ? 1 : 0));
  const perClass = SOCIAL_INTENTS.map((c, i) => `${c} ${pct(f1(labels, predicted, i))}`);
  console.log(
    `${name}: accuracy ${pct(hits / all.posts)}  macro-F1 ${pct(macroF1(labels, predicted, k))}  F1: ${perClass.join(', ')}`,
  );
  writeFileSync(`/tmp/social-intent-joint-${name.replace(/\W+/g, '-')}.bin`, p);
}
report('softmax', softmax5);
report('one-vs-rest', ovr);
report('softmax + one-vs-rest (shipped recipe)', blend(softmax5, ovr, 0.5));
report('joint', jointIntent);
report('joint + one-vs-rest', blend(jointIntent, ovr, 0.5));
report('softmax + joint + one-vs-rest', blend(blend(softmax5, jointIntent, 0.5), ovr, 0.5));
const gold = Uint16Array.from(sentiments);
console.log(
  `joint model's sentiment on brand posts (out of fold): macro recall ${(100 * macroRecall(gold, decide(jointSentiment, 3), 3)).toFixed(2)}`,
);
writeFileSync('/tmp/social-intent-joint-sentiment.bin', jointSentiment);
