import type { Lexicon } from '../../src/triage/lexicon.ts';
import { GROUP_DENSE, GROUP_WORDS } from '../../src/triage/linear.ts';
import { balanceClasses, featurize, subset } from './dataset.ts';
import { MODELS_DIR } from './data.ts';
import { readBitext, readSocial, type IntentExample } from './intent-data.ts';
import { accuracy } from './metrics.ts';
import { decide, predictProbabilities } from './predict.ts';
import { writeModel } from './save-model.ts';
import { seededShuffle } from './random.ts';
import { trainSoftmax } from './softmax-regression.ts';

const BITS = 14;
// Words and lexicon cues only: character n-grams gave a little more accuracy on
// Bitext but cost most of the run time; 2^14 buckets keep the 31-class table at 2 MB.
const GROUPS = GROUP_WORDS | GROUP_DENSE;
const L2 = 1e-5;
const ITERATIONS = 100;

function fit(
  examples: readonly IntentExample[],
  classes: readonly string[],
  lexicon: Lexicon,
  log: (m: string) => void,
) {
  const data = featurize(
    examples.map((e) => e.text),
    examples.map((e) => classes.indexOf(e.label)),
    lexicon,
  );
  balanceClasses(data, classes.length);
  return trainSoftmax(data, {
    bits: BITS,
    classes: classes.length,
    l2: L2,
    iterations: ITERATIONS,
    groups: GROUPS,
    log,
  });
}

/** Trains on Bitext's training file plus our social posts; the Bitext validation file stays out. */
export function trainIntent(lexicon: Lexicon, log: (m: string) => void): void {
  const examples = [...readBitext('Training'), ...readSocial()];
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const categories = Object.fromEntries(examples.map((e) => [e.label, e.category]));
  log(`intent: ${examples.length} examples, ${classes.length} intents`);
  const model = fit(examples, classes, lexicon, log);
  writeModel(
    MODELS_DIR,
    {
      name: 'intent',
      groups: GROUPS,
      format: 1,
      bits: BITS,
      classes,
      extraInputs: 0,
      offsets: classes.map(() => 0),
      categories,
    },
    model,
  );
}

/** Accuracy of the social intents in 5-fold cross-validation (Bitext training data in every fold). */
export function crossValidateSocial(lexicon: Lexicon, log: (m: string) => void): number {
  const bitext = readBitext('Training');
  const social = seededShuffle(readSocial(), 7);
  const classes = [...new Set([...bitext, ...social].map((e) => e.label))].sort();
  const gold: number[] = [];
  const predicted: number[] = [];
  for (let fold = 0; fold < 5; fold++) {
    const held = social.filter((_, i) => i % 5 === fold);
    const model = fit(
      [...bitext, ...social.filter((_, i) => i % 5 !== fold)],
      classes,
      lexicon,
      () => {},
    );
    const data = featurize(
      held.map((e) => e.text),
      held.map((e) => classes.indexOf(e.label)),
      lexicon,
    );
    const decided = decide(
      predictProbabilities(
        model,
        subset(
          data,
          held.map((_, i) => i),
        ),
      ),
      classes.length,
    );
    held.forEach((e, i) => {
      gold.push(classes.indexOf(e.label));
      predicted.push(decided[i] ?? 0);
    });
    log(`  social fold ${fold + 1}/5 done`);
  }
  return accuracy(gold, predicted);
}
