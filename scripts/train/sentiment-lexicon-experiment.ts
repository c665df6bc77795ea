/**
 * The PMI-lexicon step of models/sentiment.md, rerunnable:
 * `node scripts/train/sentiment-lexicon-experiment.ts [--min=5] [--report]`.
 * Fits the shipped setup (`fitSentiment`: words + dense) plus PMI aggregates
 * on every SemEval file except the tune file (2016 devtest, or --tune=FILE)
 * and the report file, and prints macro recall on the tune file; on the report file only
 * with --report. Nothing is written. (The AFINN-165 rows of the card came
 * from this script's first version, commit 8f93d61.)
 */
import type { Lexicon } from '../../src/triage/lexicon.ts';
import type { SparseDataset } from './dataset.ts';
import { SEMEVAL_REPORT_FILE, SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE } from './data.ts';
import { readLexicon } from './lexicon-export.ts';
import { macroRecall } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { fitSentiment, semevalData, type SentimentModel } from './sentiment.ts';

const args = process.argv.slice(2);
const minPosts = Number(args.find((a) => a.startsWith('--min='))?.slice(6) ?? 5);
// --tune=FILE holds out another training file instead; --min=Infinity fits the shipped model (no lexicon).
const byFile = args.includes('--by-file');
const tune = args.find((a) => a.startsWith('--tune='))?.slice(7) ?? SEMEVAL_TUNE_FILE;
const files = args.includes('--report') ? [tune, SEMEVAL_REPORT_FILE] : [tune];
const fitFiles = [...SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE].filter((f) => f !== tune);

const lexicon: Lexicon = readLexicon();
const model: SentimentModel = fitSentiment(
  fitFiles,
  lexicon,
  console.log,
  Number.isFinite(minPosts) ? { minPosts, foldByFile: byFile } : undefined,
);
for (const file of files) {
  const data: SparseDataset = semevalData([file], lexicon, model.pmi);
  const predicted = decide(predictProbabilities(model.linear, data), 3);
  console.log(
    `${file} (PMI min ${minPosts} posts${byFile ? ', folds by file' : ''}): macro recall ${(100 * macroRecall(data.labels, predicted, 3)).toFixed(2)}`,
  );
}
