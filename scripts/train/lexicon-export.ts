import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicon as vader } from 'vader-sentiment/src/vader_lexicon.js';
import { buildLexicon, type Lexicon } from '../../src/triage/lexicon.ts';
import { MODELS_DIR } from './data.ts';

export const LEXICON_FILE = join(MODELS_DIR, 'vader-lexicon.json');

/** Writes VADER's word valences (MIT, Hutto & Gilbert 2014) as plain JSON for the runtime. */
export function exportLexicon(): Lexicon {
  const entries = Object.fromEntries(
    Object.entries(vader).filter(
      ([word, valence]) => !word.includes(' ') && Number.isFinite(valence),
    ),
  );
  writeFileSync(LEXICON_FILE, `${JSON.stringify(entries)}\n`);
  return buildLexicon(entries);
}

export function readLexicon(): Lexicon {
  return buildLexicon(JSON.parse(readFileSync(LEXICON_FILE, 'utf8')) as Record<string, number>);
}
