import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, type Example, readSemeval, SEMEVAL_TRAIN_FILES } from './data.ts';
import { seededShuffle } from './random.ts';

/** UMSAB's tweet files by ISO 639-1 code (../shared/data/umsab, see its README). */
export const UMSAB_LANGUAGES = {
  es: 'spanish',
  fr: 'french',
  de: 'german',
  it: 'italian',
  pt: 'portuguese',
} as const;
export type UmsabLanguage = keyof typeof UMSAB_LANGUAGES;

/** UMSAB `{language}-{split}.tsv`: `label<TAB>text`, no header, user names as `@user`. */
export function readUmsab(language: UmsabLanguage, split: 'train' | 'val'): Example[] {
  const file = join(dataDir(), 'umsab', `${UMSAB_LANGUAGES[language]}-${split}.tsv`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const tab = line.indexOf('\t');
      if (tab < 0) return [];
      const label = line.slice(0, tab);
      const text = line.slice(tab + 1).trim();
      return text === '' ? [] : [{ label, text }];
    });
}

/** `count` English tweets from SemEval's training files, the same ones for the same seed. */
export function englishPosts(count: number, seed = 2024): string[] {
  const texts = SEMEVAL_TRAIN_FILES.flatMap(readSemeval).map((e) => e.text);
  return seededShuffle(texts, seed).slice(0, count);
}
