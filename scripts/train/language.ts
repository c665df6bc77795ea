import type { Lexicon } from '../../src/triage/lexicon.ts';
import { GROUP_CHARS, type LinearModel } from '../../src/triage/linear.ts';
import { MODELLED_LANGUAGES } from '../../src/triage/language.ts';
import { balanceClasses, featurize, type SparseDataset } from './dataset.ts';
import { MODELS_DIR } from './data.ts';
import { englishPosts, readUmsab, UMSAB_LANGUAGES, type UmsabLanguage } from './language-data.ts';
import { writeModel } from './save-model.ts';
import { trainSoftmax } from './softmax-regression.ts';

/**
 * The language classifier of language.ts: multinomial logistic regression on character
 * 3–5-grams inside words, over the six MODELLED_LANGUAGES. Settings chosen on UMSAB's
 * validation split (models/language.md); the shipped model is fitted on train and val.
 */
const BITS = 16;
const L2 = 1e-4;
const ITERATIONS = 100;
const GROUPS = GROUP_CHARS;
const ENGLISH_POSTS = 4000;

export interface LanguageCorpus {
  texts: string[];
  labels: number[];
}

/** UMSAB tweets of the given splits plus English tweets, labelled by MODELLED_LANGUAGES index. */
export function languageCorpus(splits: ReadonlyArray<'train' | 'val'>): LanguageCorpus {
  const texts: string[] = [];
  const labels: number[] = [];
  for (const text of englishPosts(ENGLISH_POSTS)) {
    texts.push(text);
    labels.push(0);
  }
  for (const language of Object.keys(UMSAB_LANGUAGES) as UmsabLanguage[]) {
    const label = MODELLED_LANGUAGES.indexOf(language);
    for (const split of splits)
      for (const example of readUmsab(language, split)) {
        texts.push(example.text);
        labels.push(label);
      }
  }
  return { texts, labels };
}

export function fitLanguage(
  corpus: LanguageCorpus,
  lexicon: Lexicon,
  log: (m: string) => void = () => {},
): LinearModel {
  const data: SparseDataset = featurize(corpus.texts, corpus.labels, lexicon);
  balanceClasses(data, MODELLED_LANGUAGES.length);
  log(`language: ${data.rows} posts`);
  return trainSoftmax(data, {
    bits: BITS,
    classes: MODELLED_LANGUAGES.length,
    l2: L2,
    iterations: ITERATIONS,
    groups: GROUPS,
    log,
  });
}

/** Fits on UMSAB train and val plus English tweets and writes models/language.{bin,json}. */
export function trainLanguage(lexicon: Lexicon, log: (m: string) => void): LinearModel {
  const linear = fitLanguage(languageCorpus(['train', 'val']), lexicon, log);
  writeModel(
    MODELS_DIR,
    {
      name: 'language',
      format: 1,
      bits: BITS,
      groups: GROUPS,
      classes: [...MODELLED_LANGUAGES],
      extraInputs: 0,
      offsets: MODELLED_LANGUAGES.map(() => 0),
    },
    linear,
  );
  return linear;
}
