/**
 * Trains every triage model from ../shared/data and writes them to models/.
 * Deterministic: L-BFGS from zero, seeded folds. Run with `npm run train`
 * (a few minutes on one core), then `npm run eval` for the figures.
 * `npm run train -- sentiment|sentiment-brand|complaint|social-intent|intent|language|sentiment-languages`
 * trains one model (sentiment-brand is the brand-directed sentiment head; sentiment also retrains complaint and socialIntent, which read its outputs;
 * sentiment-languages is the es, fr, de, it, pt sentiment, shipped where it reaches the goal).
 */
import { readModel } from '../../src/triage/model-file.ts';
import { dataDir, MODELS_DIR } from './data.ts';
import { trainComplaint } from './complaint.ts';
import { trainIntent } from './intent.ts';
import { trainLanguage } from './language.ts';
import { exportLexicon } from './lexicon-export.ts';
import { trainBrandSentimentHead, trainSentiment } from './sentiment.ts';
import { stackedSentiment } from './sentiment-stack.ts';
import { trainSentimentLanguages } from './sentiment-languages.ts';
import { trainSocialIntent } from './social-intent.ts';

const started = Date.now();
const log = (message: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}`);

dataDir();
const only = process.argv[2];
const lexicon = exportLexicon();
log('lexicon: models/vader-lexicon.json');
const readsSentiment = ['sentiment', 'complaint', 'social-intent'];
if (only === undefined || readsSentiment.includes(only)) {
  // `complaint` or `social-intent` alone reuses the shipped sentiment model, whose outputs it reads.
  const sentiment =
    only === undefined || only === 'sentiment'
      ? trainSentiment(lexicon, log)
      : readModel(MODELS_DIR, 'sentiment').linear;
  if (only === undefined || only === 'sentiment') log('sentiment: models/sentiment.bin');
  // Out-of-fold sentiment probabilities when the sentiment model learnt their training posts.
  const stacked = stackedSentiment(lexicon, sentiment, log);
  if (only !== 'social-intent') {
    trainComplaint(lexicon, stacked.complaint, log);
    log('complaint: models/complaint.bin');
  }
  if (only !== 'complaint') {
    trainSocialIntent(lexicon, stacked.socialIntent, log);
    log('socialIntent: models/social-intent.bin');
  }
}
if (only === undefined || only === 'sentiment-brand') {
  trainBrandSentimentHead(lexicon, log);
  log('sentiment-brand: models/sentiment-brand.bin');
}
if (only === undefined || only === 'intent') {
  trainIntent(lexicon, log);
  log('intent: models/intent.bin');
}
if (only === undefined || only === 'language') {
  trainLanguage(lexicon, log);
  log('language: models/language.bin');
}
if (only === undefined || only === 'sentiment-languages') trainSentimentLanguages(log);
log('done; run `npm run eval` for the figures');
