import { detectAll } from 'tinyld';
import { fnvString } from './hash.ts';
import { KIND_HASHTAG, KIND_WORD, type TokenBuffer } from './tokenize.ts';

/**
 * Language identification for triage: ISO 639-1, or 'und' when unsure.
 *
 * Three steps, cheapest first (models.ts runs them; see models/language.md):
 * 1. `quickLanguage` settles most posts from the tokens the models read anyway: no letters
 *    → 'und'; a non-Latin script → tinyld; plainly English (frequent English words, no
 *    function words of the other modelled languages) → 'en'.
 * 2. Otherwise a character n-gram classifier trained on tweets (`models/language.bin`) picks
 *    one of MODELLED_LANGUAGES: tinyld alone, tuned on longer text, named only 22–50 % of
 *    short Spanish, French, German, Italian and Portuguese tweets right.
 * 3. `decideLanguage` weighs the classifier's answer with tinyld's and keeps it, unless
 *    tinyld is sure the post is in a Latin-script language the classifier was never shown
 *    (Dutch, Swedish, Polish …). When both are unsure, the answer is 'und'.
 */
export interface LanguageGuess {
  language: string;
  confidence: number;
}

/** The languages the classifier tells apart; the order of its classes. */
export const MODELLED_LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt'] as const;

const SAMPLE_LENGTH = 1000;
// tinyld tells scripts apart reliably; 0.5 left 'Мой заказ до сих пор не доставлен' at 0.4999.
const OTHER_SCRIPT_CONFIDENCE = 0.4;
/** The classifier's English is taken without asking tinyld above this probability… */
const SURE_ENGLISH_ALONE = 0.95;
/** …and above this one once tinyld's view is weighed in. */
const SURE_ENGLISH = 0.9;
/** tinyld's accuracy above which a language the classifier does not know wins. */
const UNMODELLED_CONFIDENCE = 0.65;
const MIN_CLASSIFIED_PROBABILITY = 0.4;
/** How much tinyld's accuracies count against the classifier's probabilities (log scale). */
const TINYLD_WEIGHT = 0.5;
/** Added to tinyld's accuracy, which is 0 for most languages, before taking its log. */
const TINYLD_FLOOR = 0.02;
/** Below that, tinyld's modelled language is taken at this accuracy, else 'und'. */
const TINYLD_FALLBACK_CONFIDENCE = 0.9;
/** Latin-script languages tinyld names well; it also names French tweets Hindi, Portuguese Klingon. */
const UNMODELLED_LATIN = new Set(
  'nl ca sv da no nb pl tr cs sk ro hu fi id ms hr sl et lv lt vi eo gl eu af sq is ga cy'.split(
    ' ',
  ),
);
/** Letters like ł, ę, ş or å: two of them keep a post off the English fast path. */
const MAX_ACCENTED_FOR_FAST_PATH = 1;

const hashes = (words: string): Set<number> => new Set(words.split(/\s+/).map(fnvString));

// Frequent English words that are rare as words in the other modelled languages (not "he",
// "was", "will", "also", "see" … which are Spanish, German or Portuguese words too).
const DISTINCTIVE = hashes(
  'the to and you your my this that with have has had what are were not but just can would should could they ' +
    "them their there from how why when where who been being it's i'm don't can't didn't isn't won't doesn't " +
    "you're that's i've i'll thanks thank please thx pls lol omg love good great very really now today still " +
    'again our out about like know time got need want get any some more than then only because after before ' +
    'which its she him her we us day night tonight tomorrow week going think make back last first happy ' +
    'best well much even never ever every other into over too here off down way people one two all yes guys ' +
    'watch watching news show check follow ' +
    // Customer-care words: terse requests ("cancel order", "track refund", "payment help") have no
    // function words, and the classifier, trained on tweets, called most of them German.
    'order orders ordered cancel cancelling canceled cancelled refund refunding refunds reimburse ' +
    'track tracking purchase purchased subscription payment invoice shipping delivery address ' +
    'wrong current new free',
);
// Short words shared with other languages count only alongside distinctive ones.
const SHARED = hashes('of for is it on at be do if or an by up so i a in me no');
// Function words of Spanish, French, German, Italian, Portuguese and Dutch: "the" in "Je déteste
// the new app" cannot take a post down the English fast path alone, "Del" in "Lana Del Rey at
// the Apollo" does not keep one off it.
const FOREIGN = hashes(
  'el los las del al una por para con pero muy más mas está esta estoy qué que porque también ' +
    'le les des du une est sont avec pour pas mais très je tu nous vous il elle ce cette qui dans ' +
    'der die das und ist nicht ein eine mit auf für sich auch ich du wir sie dem den zu von ' +
    'il gli della delle che non sono una anche più molto questo questa sei ' +
    'uma não com para mais muito você eu ele ela isso está são também ' +
    'het een niet en van ik je zijn op voor maar ook wat dit dat er zo heb',
);

export interface LetterCounts {
  /** Latin letters, accented ones included. */
  latin: number;
  /** Accented Latin letters (à … ɏ). */
  accented: number;
  /** Letters of other scripts. */
  other: number;
}

/** Letters in words and hashtags, by script. */
export function letterCounts(tokens: TokenBuffer): LetterCounts {
  let latin = 0;
  let accented = 0;
  let other = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kind[t];
    if (kind !== KIND_WORD && kind !== KIND_HASHTAG) continue;
    const start = tokens.charStart[t] ?? 0;
    const end = start + (tokens.charLength[t] ?? 0);
    for (let i = start; i < end; i++) {
      const c = tokens.chars[i] ?? 0;
      if (c >= 97 && c <= 122) latin++;
      else if (c >= 0xc0 && c < 0x250) {
        latin++;
        accented++;
      } else if (c >= 0x370) other++;
    }
  }
  return { latin, accented, other };
}

/**
 * The language when the tokens alone settle it, or undefined when the classifier must decide.
 * `tokens` must hold `tokenize(text)`, `letters` its `letterCounts`.
 */
export function quickLanguage(
  text: string,
  tokens: TokenBuffer,
  { latin, accented, other }: LetterCounts,
): LanguageGuess | undefined {
  if (latin + other === 0) return { language: 'und', confidence: 0 };
  if (other >= latin) {
    const best = tinyldBest(text);
    return best !== undefined && best.confidence >= OTHER_SCRIPT_CONFIDENCE
      ? best
      : { language: 'und', confidence: best === undefined ? 0 : Math.min(best.confidence, 0.5) };
  }
  if (accented > MAX_ACCENTED_FOR_FAST_PATH) return undefined;
  let words = 0;
  let distinctive = 0;
  let shared = 0;
  let foreign = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kind[t];
    if (kind !== KIND_WORD && kind !== KIND_HASHTAG) continue;
    words++;
    const hash = tokens.hash[t] ?? 0;
    if (FOREIGN.has(hash)) foreign++;
    else if (DISTINCTIVE.has(hash)) distinctive++;
    else if (SHARED.has(hash)) shared++;
  }
  const ratio = (distinctive + shared) / words;
  if (distinctive > 0 && ratio >= 0.1 && 3 * foreign < distinctive + shared)
    return { language: 'en', confidence: Math.min(0.99, 0.6 + ratio) };
  return undefined;
}

/**
 * The answer for a post `quickLanguage` left open, from the classifier's probabilities (in
 * MODELLED_LANGUAGES order). They are combined with tinyld's as a product of experts
 * (tinyld's weighted by TINYLD_WEIGHT): the classifier learnt UMSAB's topics as well as its
 * languages, and tinyld, trained on other text, corrects it on customer posts.
 */
export function decideLanguage(text: string, probabilities: ArrayLike<number>): LanguageGuess {
  // Most English posts that miss the fast path stop here, without tinyld's 0.4 ms.
  const english = probabilities[0] ?? 0;
  if (english >= SURE_ENGLISH_ALONE) return { language: 'en', confidence: english };
  const candidates = detectAll(text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text);
  const tinyld = new Map(candidates.map((c) => [c.lang, c.accuracy]));
  let best = 0;
  let bestScore = -Infinity;
  let total = 0;
  for (let c = 0; c < MODELLED_LANGUAGES.length; c++) {
    const score =
      Math.log(Math.max(probabilities[c] ?? 0, 1e-12)) +
      TINYLD_WEIGHT * Math.log((tinyld.get(MODELLED_LANGUAGES[c] ?? '') ?? 0) + TINYLD_FLOOR);
    total += Math.exp(score);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const classified = {
    language: MODELLED_LANGUAGES[best] ?? 'und',
    confidence: Math.exp(bestScore) / total,
  };
  if (classified.language === 'en' && classified.confidence >= SURE_ENGLISH) return classified;
  const top = candidates[0];
  if (top !== undefined && top.accuracy >= UNMODELLED_CONFIDENCE && UNMODELLED_LATIN.has(top.lang))
    return { language: top.lang, confidence: top.accuracy };
  if (classified.confidence >= MIN_CLASSIFIED_PROBABILITY) return classified;
  return top !== undefined &&
    top.accuracy >= TINYLD_FALLBACK_CONFIDENCE &&
    (MODELLED_LANGUAGES as readonly string[]).includes(top.lang)
    ? { language: top.lang, confidence: top.accuracy }
    : { language: 'und', confidence: 0 };
}

function tinyldBest(text: string): LanguageGuess | undefined {
  const [best] = detectAll(text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text);
  return best === undefined ? undefined : { language: best.lang, confidence: best.accuracy };
}
