/**
 * Earshot's trained triage models: sentiment, complaint, intent.
 *
 * Load once with `loadTriageModels()` (synchronous, cached per folder) and
 * pass the result to the predict functions. `analyze()` tokenises the text
 * once and runs all three models on the shared features: prefer it when
 * more than one prediction is needed. Every function accepts any string
 * (empty, huge, lone surrogates, emoji only) and returns a result.
 */

/** Opaque loaded weights; create with `loadTriageModels`. */
export interface TriageModels {
  readonly dir: string;
}

export interface SentimentPrediction {
  label: 'negative' | 'neutral' | 'positive';
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  /** 0..1, the probability of `label`. */
  confidence: number;
}

export interface ComplaintPrediction {
  complaint: boolean;
  probability: number;
}

export interface IntentPrediction {
  /** A Bitext intent (e.g. `cancel_order`) or `praise`, `idea`, `question`, `other`. */
  intent: string;
  /** The Bitext category (e.g. `ORDER`) or `SOCIAL` for the four social intents. */
  category: string;
  confidence: number;
}

export interface TriageAnalysis {
  sentiment: SentimentPrediction;
  complaint: ComplaintPrediction;
  intent: IntentPrediction;
}

const notTrained = (): never => {
  throw new Error('triage models not trained yet: run `npm run train`');
};

/** Loads the weights from `dir` (default: the repository's `models/`); cached. */
export function loadTriageModels(_dir?: string): TriageModels {
  return notTrained();
}

export function predictSentiment(_models: TriageModels, _text: string): SentimentPrediction {
  return notTrained();
}

export function predictComplaint(_models: TriageModels, _text: string): ComplaintPrediction {
  return notTrained();
}

export function predictIntent(_models: TriageModels, _text: string): IntentPrediction {
  return notTrained();
}

/** All three predictions from one tokenisation pass. */
export function analyze(_models: TriageModels, _text: string): TriageAnalysis {
  return notTrained();
}
