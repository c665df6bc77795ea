import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, readCsvObjects, REPO_DIR, type Example } from './data.ts';

export const SOCIAL_CATEGORY = 'SOCIAL';
export const SOCIAL_FIXTURE = join(REPO_DIR, 'test/fixtures/social-intents.tsv');

export interface IntentExample extends Example {
  category: string;
}

export function readBitext(split: 'Training' | 'Validation'): IntentExample[] {
  const file = join(
    dataDir(),
    'bitext-intent',
    `Bitext_Sample_Customer_Service_${split}_Dataset.csv`,
  );
  return readCsvObjects(file).map((row) => ({
    text: row.utterance ?? '',
    label: row.intent ?? '',
    category: row.category ?? '',
  }));
}

/** Our own hand-written posts to brands: praise, idea, question, other. */
export function readSocial(): IntentExample[] {
  return readFileSync(SOCIAL_FIXTURE, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [label = '', text = ''] = line.split('\t');
      return { text, label, category: SOCIAL_CATEGORY };
    });
}
