import { FNV_OFFSET, fnvStep, fnvString } from './hash.ts';

/**
 * A single-pass tokeniser for social posts that writes into preallocated
 * typed arrays, so analysing a text allocates nothing. Tokens are kept as
 * hashes of their normalised form (lower case, `’` as `'`, letters repeated
 * more than twice cut to two); word characters are kept too, for character
 * n-grams. The text is cut to MAX_TEXT_LENGTH code units first.
 */
export const MAX_TEXT_LENGTH = 5000;
const MAX_WORD_CHARS = 40;

export const KIND_WORD = 1;
export const KIND_NUMBER = 2;
export const KIND_USER = 3;
export const KIND_URL = 4;
export const KIND_HASHTAG = 5;
export const KIND_EMOJI = 6;
export const KIND_PUNCT = 7;

export const FLAG_ELONGATED = 1;
export const FLAG_ALLCAPS = 2;
export const FLAG_NEGATED = 4;
export const FLAG_NEGATOR = 8;
export const FLAG_CLAUSE_END = 16;

export const HASH_NUMBER = fnvString('<num>');
export const HASH_USER = fnvString('<user>');
export const HASH_URL = fnvString('<url>');

const NEGATORS = new Set(
  (
    'not no never none nobody nothing neither nor nowhere cannot without aint ' +
    'cant dont wont isnt arent wasnt werent doesnt didnt hasnt havent hadnt ' +
    'couldnt shouldnt wouldnt mustnt neednt'
  )
    .split(' ')
    .map(fnvString),
);

export class TokenBuffer {
  count = 0;
  readonly hash = new Uint32Array(MAX_TEXT_LENGTH);
  readonly kind = new Uint8Array(MAX_TEXT_LENGTH);
  readonly flags = new Uint8Array(MAX_TEXT_LENGTH);
  /** Start and length in `chars` of a word's normalised characters. */
  readonly charStart = new Uint16Array(MAX_TEXT_LENGTH);
  readonly charLength = new Uint8Array(MAX_TEXT_LENGTH);
  readonly chars = new Uint16Array(MAX_TEXT_LENGTH);
  charCount = 0;
}

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff;
}

function isEmojiBmp(c: number): boolean {
  return (
    (c >= 0x2190 && c <= 0x21ff) ||
    (c >= 0x2300 && c <= 0x23ff) ||
    (c >= 0x2600 && c <= 0x27bf) ||
    (c >= 0x2b00 && c <= 0x2bff)
  );
}

function isWordChar(c: number): boolean {
  if (c < 128)
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c === 0xfe0f || c === 0x200d || (c >= 0xa0 && c <= 0xbf) || c === 0xd7 || c === 0xf7)
    return false;
  return c >= 0xc0;
}

function lower(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32;
  return c;
}

const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

/** Tokenises `text` into `out` (overwritten). */
export function tokenize(text: string, out: TokenBuffer): void {
  const n = Math.min(text.length, MAX_TEXT_LENGTH);
  out.count = 0;
  out.charCount = 0;
  let negated = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0xfe0f || c === 0x200d) {
      i++;
    } else if (
      isWordChar(c) ||
      ((c === 64 || c === 35) && i + 1 < n && isWordChar(text.charCodeAt(i + 1)))
    ) {
      i = readWord(text, i, n, out, negated);
      const t = out.count - 1;
      const f = out.flags[t] ?? 0;
      if ((f & FLAG_NEGATOR) !== 0) negated = true;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        // Skin-tone modifiers only tint the emoji before them.
        if (!(c === 0xd83c && low >= 0xdffb))
          push(out, fnvStep(fnvStep(FNV_OFFSET, c), low), KIND_EMOJI, 0);
        i += 2;
      } else i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      i++;
    } else if (isEmojiBmp(c)) {
      push(out, fnvStep(FNV_OFFSET, c), KIND_EMOJI, 0);
      i++;
    } else {
      i = readPunct(text, i, n, out);
      if (((out.flags[out.count - 1] ?? 0) & FLAG_CLAUSE_END) !== 0) negated = false;
    }
  }
}

function push(out: TokenBuffer, hash: number, kind: number, flags: number): void {
  const t = out.count;
  if (t >= MAX_TEXT_LENGTH) return;
  out.hash[t] = hash;
  out.kind[t] = kind;
  out.flags[t] = flags;
  out.charStart[t] = out.charCount;
  out.charLength[t] = 0;
  out.count = t + 1;
}

function readWord(
  text: string,
  start: number,
  n: number,
  out: TokenBuffer,
  negated: boolean,
): number {
  const first = text.charCodeAt(start);
  const kindPrefix = first === 64 ? KIND_USER : first === 35 ? KIND_HASHTAG : 0;
  let i = kindPrefix === 0 ? start : start + 1;
  const charStart = out.charCount;
  let hash = FNV_OFFSET;
  let length = 0;
  let upper = 0;
  let lowerCount = 0;
  let digits = 0;
  let elongated = false;
  let prev = -1;
  let prev2 = -1;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (isApostrophe(c)) {
      if (length === 0 || i + 1 >= n || !isWordChar(text.charCodeAt(i + 1))) break;
      c = 39;
    } else if (!isWordChar(c)) break;
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lowerCount++;
    else if (c >= 48 && c <= 57) digits++;
    const l = lower(c);
    i++;
    if (l === prev && l === prev2) {
      elongated = true;
      continue;
    }
    prev2 = prev;
    prev = l;
    hash = fnvStep(hash, l);
    if (length < MAX_WORD_CHARS && out.charCount < MAX_TEXT_LENGTH) out.chars[out.charCount++] = l;
    length++;
  }
  // A URL: skip to the next space.
  if (
    kindPrefix === 0 &&
    (hash === HASH_HTTP || hash === HASH_HTTPS || hash === HASH_WWW) &&
    i < n &&
    (text.charCodeAt(i) === 58 || text.charCodeAt(i) === 46)
  ) {
    while (i < n && !isSpace(text.charCodeAt(i))) i++;
    out.charCount = charStart;
    push(out, HASH_URL, KIND_URL, 0);
    return i;
  }
  let flags = elongated ? FLAG_ELONGATED : 0;
  if (upper >= 2 && lowerCount === 0) flags |= FLAG_ALLCAPS;
  let kind = kindPrefix === 0 ? KIND_WORD : kindPrefix;
  if (kind === KIND_USER) {
    out.charCount = charStart;
    hash = HASH_USER;
  } else if (kind === KIND_WORD && digits === length) {
    out.charCount = charStart;
    hash = HASH_NUMBER;
    kind = KIND_NUMBER;
  } else {
    if (NEGATORS.has(hash) || endsWithNt(out, charStart)) flags |= FLAG_NEGATOR;
    else if (negated) flags |= FLAG_NEGATED;
  }
  push(out, hash, kind, flags);
  const t = out.count - 1;
  out.charStart[t] = charStart;
  out.charLength[t] = out.charCount - charStart;
  return i;
}

const HASH_HTTP = fnvString('http');
const HASH_HTTPS = fnvString('https');
const HASH_WWW = fnvString('www');

function endsWithNt(out: TokenBuffer, charStart: number): boolean {
  const end = out.charCount;
  return (
    end - charStart >= 4 &&
    out.chars[end - 1] === 116 &&
    out.chars[end - 2] === 39 &&
    out.chars[end - 3] === 110
  );
}

/** A run of punctuation: emoticons (`:)`, `:D`, `<3`) and `!!`, `?`. */
function readPunct(text: string, start: number, n: number, out: TokenBuffer): number {
  let i = start;
  let hash = FNV_OFFSET;
  let prev = -1;
  let repeats = 0;
  let ends = false;
  while (i < n && i - start < 8) {
    const c = text.charCodeAt(i);
    if (
      isSpace(c) ||
      isWordChar(c) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      isEmojiBmp(c) ||
      c === 64 ||
      c === 35
    )
      break;
    if (c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58) ends = true;
    repeats = c === prev ? repeats + 1 : 0;
    prev = c;
    i++;
    if (repeats < 2) hash = fnvStep(hash, c);
  }
  // Emoticons that end in a letter or digit: ":D", ":p", "<3", ";-P".
  if (i < n && (prev === 58 || prev === 59 || prev === 61 || prev === 45 || prev === 60)) {
    const c = text.charCodeAt(i);
    const after = i + 1 < n ? text.charCodeAt(i + 1) : 32;
    if (
      (c === 68 || c === 80 || c === 112 || c === 51 || c === 79 || c === 111) &&
      !isWordChar(after)
    ) {
      hash = fnvStep(hash, lower(c));
      i++;
    }
  }
  if (i === start) i++;
  push(out, hash, KIND_PUNCT, ends ? FLAG_CLAUSE_END : 0);
  return i;
}
