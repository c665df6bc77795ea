import { combine, fnvString } from './hash.ts';
import { KIND_PUNCT, KIND_USER, KIND_WORD, type TokenBuffer } from './tokenize.ts';

/**
 * Cues of what a post's author is doing, as inputs of the socialIntent model. Each cue pools
 * words and two-word phrases that say the same thing ("thanks", "kudos", "shoutout"), so the
 * model learns one weight from every post that uses any of them: the 2,294 labelled posts
 * hold too few of each word (120 praise, 29 ideas) for their words alone to generalise.
 * The model learns how much each cue counts; nothing here decides a label.
 */
export const SOCIAL_CUES = 9;

const words = (list: string): Set<number> => new Set(list.split(' ').map((w) => fnvString(w)));
const pairs = (list: string): Set<number> =>
  new Set(
    list.split(',').map((phrase) => {
      const [a = '', b = ''] = phrase.trim().split(' ');
      return combine(fnvString(a), fnvString(b));
    }),
  );

const OPENERS = words(
  'how what when where why who which can could do does did is are will would may any anyone',
);
const REQUEST_WORDS = words('please help pls plz');
const REQUEST_PAIRS = pairs(
  'i need, i want, i would, need to, want to, how do, how can, can i, can you, could you, is there, are there, is it, do you',
);
const IDEA_WORDS = words('wish should suggest suggestion idea feature consider option');
const IDEA_PAIRS = pairs(
  "would love, would be, bring back, please add, please bring, please make, why not, how about, it'd be, you should, should add, should make, should bring, should open, be nice, be great, be cool, be awesome",
);
const PRAISE_WORDS = words(
  'thanks thank thx ty love loved loving great amazing awesome best shoutout kudos brilliant excellent fantastic superb wonderful lovely appreciate appreciated impressed helpful perfect smooth',
);
const COMPLAINT_WORDS = words(
  "still again never broken down cancelled canceled delayed lost worst terrible awful horrible refund charged waiting nobody unacceptable disappointed ridiculous can't won't doesn't didn't isn't not hours days missing wrong",
);
const QUESTION = fnvString('?');
const QUESTIONS = fnvString('??');
const RATING = /\b([1-5])(?:\s*\/\s*5)?\s*stars?\b/i;

/** Fills `out[0..SOCIAL_CUES)` from the tokens of `text`; every value is in 0..1. */
export function socialCues(text: string, tokens: TokenBuffer, out: Float64Array): void {
  let request = 0;
  let idea = 0;
  let praise = 0;
  let complaint = 0;
  let question = 0;
  let firstWord = -1;
  let prev = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kind[t];
    const hash = tokens.hash[t] ?? 0;
    if (kind === KIND_PUNCT && (hash === QUESTION || hash === QUESTIONS)) question = 1;
    if (kind !== KIND_WORD) continue;
    if (firstWord < 0) firstWord = hash;
    const pair = combine(prev, hash);
    if (REQUEST_WORDS.has(hash) || REQUEST_PAIRS.has(pair)) request++;
    if (IDEA_WORDS.has(hash) || IDEA_PAIRS.has(pair)) idea++;
    if (PRAISE_WORDS.has(hash)) praise++;
    if (COMPLAINT_WORDS.has(hash)) complaint++;
    prev = hash;
  }
  const rating = RATING.exec(text.slice(0, 2000));
  const stars = rating ? Number(rating[1]) : 0;
  out[0] = question;
  out[1] = firstWord >= 0 && OPENERS.has(firstWord) ? 1 : 0;
  out[2] = Math.min(request, 2) / 2;
  out[3] = Math.min(idea, 2) / 2;
  out[4] = Math.min(praise, 2) / 2;
  out[5] = Math.min(complaint, 3) / 3;
  out[6] = stars > 0 && stars <= 2 ? 1 : 0;
  out[7] = stars >= 4 ? 1 : 0;
  out[8] = tokens.count > 0 && tokens.kind[0] === KIND_USER ? 1 : 0;
}

/**
 * Whether a post names someone with an @name: as its first token (`first`, a reply or a post
 * addressed to an account) or anywhere. Posts heard by a brand that address it are what the
 * brand-directed sentiment head was fitted for.
 */
export function addressesSomeone(tokens: TokenBuffer, where: 'first' | 'anywhere'): boolean {
  if (where === 'first') return tokens.count > 0 && tokens.kind[0] === KIND_USER;
  for (let t = 0; t < tokens.count; t++) if (tokens.kind[t] === KIND_USER) return true;
  return false;
}
