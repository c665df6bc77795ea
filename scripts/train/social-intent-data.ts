import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, parseCsv } from './data.ts';

/** What the author of a post to a brand is doing (social-intents/GUIDELINES.md). */
export const SOCIAL_INTENTS = ['complaint', 'question', 'praise', 'idea', 'other'] as const;
export type SocialIntent = (typeof SOCIAL_INTENTS)[number];

export interface SocialPost {
  text: string;
  intent: SocialIntent;
  sentiment: string;
}

/** social-intents/posts.tsv: `tweet_id<TAB>intent<TAB>sentiment<TAB>text`, one header line. */
export function readSocialIntents(): SocialPost[] {
  const lines = readFileSync(join(dataDir(), 'social-intents', 'posts.tsv'), 'utf8').split('\n');
  return lines.slice(1).flatMap((line) => {
    const [, intent, sentiment, ...rest] = line.split('\t');
    const text = rest.join('\t').trim();
    if (text === '' || !(SOCIAL_INTENTS as readonly string[]).includes(intent ?? '')) return [];
    return [{ text, intent: intent as SocialIntent, sentiment: sentiment ?? '' }];
  });
}

/** suggestions/suggestions-train.csv (SemEval-2019 Task 9): forum sentences, 1 = a suggestion. */
export function readSuggestions(): Array<{ text: string; suggestion: boolean }> {
  const rows = parseCsv(
    readFileSync(join(dataDir(), 'suggestions', 'suggestions-train.csv'), 'utf8'),
  );
  return rows.flatMap((row) => {
    const [, quoted, label] = row;
    if (quoted === undefined || (label !== '0' && label !== '1')) return [];
    // The file's texts carry an extra level of quotes: """text""" → "text".
    const text = quoted
      .replace(/^"(.*)"$/s, '$1')
      .replace(/""/g, '"')
      .trim();
    return text === '' ? [] : [{ text, suggestion: label === '1' }];
  });
}
