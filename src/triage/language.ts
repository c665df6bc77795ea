import { detectAll } from 'tinyld';
import { fnvString } from './hash.ts';
import { KIND_HASHTAG, KIND_WORD, TokenBuffer, tokenize } from './tokenize.ts';

/**
 * Language detection for triage: ISO 639-1, or 'und' when unsure.
 *
 * tinyld costs about half a millisecond a text, too slow for every post, so
 * a fast path first counts frequent English words among the tokens the
 * models use anyway: most posts to English-speaking brands settle there.
 * Otherwise tinyld decides, and a Latin-script text is called non-English
 * only when tinyld is very sure, the text is long enough and has no English
 * words, because short English tweets full of names ("Kasich in Ohio
 * tonight") are easily mistaken for other languages.
 */
export interface LanguageGuess {
  language: string;
  confidence: number;
}

const SAMPLE_LENGTH = 1000;
const MIN_LATIN_LETTERS = 20;
const LATIN_CONFIDENCE = 0.9;
const OTHER_SCRIPT_CONFIDENCE = 0.5;

// Frequent English words that are rare as words in other Latin-script languages.
const DISTINCTIVE = (
  'the to and you your my this that with have has had what was are were not but just can would should could they ' +
  "them their there from how why when where who will been being it's i'm don't can't didn't isn't won't doesn't " +
  "you're that's i've i'll thanks thank please thx pls lol omg love good great bad very really new now today still " +
  'again our out about like know time got need want get any some more than then only also because after before ' +
  'which its he she him her we us day night tonight tomorrow week going think make back see last first happy ' +
  'best well much even never ever every other into over too here off down way people one two all yes guys ' +
  'watch watching live news game show win free check follow'
)
  .split(' ')
  .map(fnvString);
// Short words shared with other languages count only alongside distinctive ones.
const SHARED = 'of for is it on at be do if or an by up so i a in me no'.split(' ').map(fnvString);
const DISTINCTIVE_HASHES = new Set(DISTINCTIVE);
const SHARED_HASHES = new Set(SHARED);

const scratch = new TokenBuffer();

export function detectLanguage(text: string): LanguageGuess {
  tokenize(text, scratch);
  return detectLanguageFromTokens(text, scratch);
}

/** `tokens` must hold `tokenize(text)`; lets `analyze` tokenise once. */
export function detectLanguageFromTokens(text: string, tokens: TokenBuffer): LanguageGuess {
  let words = 0;
  let distinctive = 0;
  let shared = 0;
  let latin = 0;
  let other = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kind[t];
    if (kind !== KIND_WORD && kind !== KIND_HASHTAG) continue;
    words++;
    const hash = tokens.hash[t] ?? 0;
    if (DISTINCTIVE_HASHES.has(hash)) distinctive++;
    else if (SHARED_HASHES.has(hash)) shared++;
    const start = tokens.charStart[t] ?? 0;
    const end = start + (tokens.charLength[t] ?? 0);
    for (let i = start; i < end; i++) {
      const c = tokens.chars[i] ?? 0;
      if (c >= 97 && c <= 122) latin++;
      else if (c >= 0xc0 && c < 0x250) latin++;
      else if (c >= 0x370) other++;
    }
  }
  if (latin + other === 0) return { language: 'und', confidence: 0 };
  const ratio = (distinctive + shared) / words;
  if (other < latin && distinctive > 0 && ratio >= 0.1)
    return { language: 'en', confidence: Math.min(0.99, 0.6 + ratio) };
  if (other < latin && latin < MIN_LATIN_LETTERS) return { language: 'und', confidence: 0 };
  const [best] = detectAll(text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text);
  if (best === undefined) return { language: 'und', confidence: 0 };
  const sure =
    other >= latin
      ? best.accuracy >= OTHER_SCRIPT_CONFIDENCE
      : best.accuracy >= LATIN_CONFIDENCE && distinctive === 0;
  if (!sure) return { language: 'und', confidence: Math.min(best.accuracy, 0.5) };
  return { language: best.lang, confidence: best.accuracy };
}
