/**
 * Complaint F1 in the shipped 5-fold CV (seed 2019), honestly stacked now that the sentiment
 * model learns from the same tweets (social-intents' posts are complaints-train.csv's tweets, in
 * the same order): each fold's complaint model reads a sentiment model fitted, per
 * SENTIMENT_SETTINGS, without that fold's tweets. `node scripts/train/complaint-cv.ts`.
 */
import { balanceClasses, subset } from './dataset.ts';
import { complaintData, complaintF1, crossValidate } from './complaint.ts';
import { readLexicon } from './lexicon-export.ts';
import {
  brandSentimentData,
  fitBrandSentiment,
  SENTIMENT_SETTINGS,
  semevalData,
  sentimentTrainFiles,
} from './sentiment.ts';

const lexicon = readLexicon();
const semeval = semevalData(sentimentTrainFiles(), lexicon);
balanceClasses(semeval, 3);
const brand = brandSentimentData(lexicon);
const plain = complaintData(lexicon, []);
if (plain.rows !== brand.rows) throw new Error('complaints and social-intents differ');
const outOfFold = crossValidate(
  plain,
  () => {},
  undefined,
  undefined,
  undefined,
  undefined,
  (test) => {
    const held = new Set(test);
    const rows = Array.from({ length: brand.rows }, (_, i) => i).filter((i) => !held.has(i));
    const sentiment = fitBrandSentiment(semeval, subset(brand, rows), SENTIMENT_SETTINGS);
    return complaintData(lexicon, [sentiment]);
  },
);
console.log(
  `complaint 5-fold CV, sentiment fitted without each fold: F1 ${(100 * complaintF1(plain.labels, outOfFold, 0.5)).toFixed(2)}`,
);
