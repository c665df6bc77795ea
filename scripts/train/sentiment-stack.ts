import type { Lexicon } from '../../src/triage/lexicon.ts';
import type { LinearModel } from '../../src/triage/linear.ts';
import { complaintData, type StackedInput } from './complaint.ts';
import { balanceClasses, subset } from './dataset.ts';
import { predictProbabilities } from './predict.ts';
import {
  brandSentimentData,
  fitBrandSentiment,
  SENTIMENT_SETTINGS,
  semevalData,
  sentimentTrainFiles,
} from './sentiment.ts';
import { socialIntentData, stratifiedMulticlassFolds } from './social-intent.ts';

/** The sentiment inputs complaint and socialIntent are trained on. */
export interface StackedSentiment {
  complaint: StackedInput;
  socialIntent: StackedInput;
}

/**
 * What complaint and socialIntent learn to read. They are trained on social-intents' 2,294 posts
 * (complaints-train.csv holds the same tweets in the same order); when the sentiment model learnt
 * those posts too (SENTIMENT_SETTINGS.brandWeight > 0), its probabilities on them are surer and
 * more right than on new posts, and a model fitted on them leans on them too much. So each post
 * gets what a sentiment model fitted without its fold says (five folds, socialIntent's: stratified
 * by intent, seed 2024); rows that are not brand posts (forum suggestions) get the full model's.
 */
export function stackedSentiment(
  lexicon: Lexicon,
  full: LinearModel,
  log: (m: string) => void,
): StackedSentiment {
  if (SENTIMENT_SETTINGS.brandWeight === 0) return { complaint: full, socialIntent: full };
  const semeval = semevalData(sentimentTrainFiles(), lexicon);
  balanceClasses(semeval, 3);
  const brand = brandSentimentData(lexicon);
  const complaintRows = complaintData(lexicon, []);
  const intentRows = socialIntentData(lexicon, [], false);
  const posts = brand.rows;
  if (complaintRows.rows !== posts || intentRows.posts !== posts) throw new Error('sets differ');
  const fold = stratifiedMulticlassFolds(intentRows.data.labels.subarray(0, posts), 5, 2024);
  const complaint = new Float64Array(posts * 3);
  const intent = predictProbabilities(full, intentRows.data);
  for (let f = 0; f < 5; f++) {
    const rows = Array.from({ length: posts }, (_, i) => i).filter((i) => fold[i] !== f);
    const model = fitBrandSentiment(semeval, subset(brand, rows), SENTIMENT_SETTINGS);
    const held = fold.flatMap((g, i) => (g === f ? [i] : []));
    const onComplaint = predictProbabilities(model, subset(complaintRows, held));
    const onIntent = predictProbabilities(model, subset(intentRows.data, held));
    held.forEach((row, i) => {
      complaint.set(onComplaint.subarray(i * 3, i * 3 + 3), row * 3);
      intent.set(onIntent.subarray(i * 3, i * 3 + 3), row * 3);
    });
    log(`sentiment without fold ${f + 1}/5 (out-of-fold inputs of complaint and socialIntent)`);
  }
  return {
    complaint: { classes: 3, probabilities: complaint },
    socialIntent: { classes: 3, probabilities: intent },
  };
}
