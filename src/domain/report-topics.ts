/** Words too common to be a topic (English; short words are dropped anyway). */
const stopWords = new Set(
  `about above after again against all also and any are aren because been before being below
  between both but can cannot could did didn does doesn doing don down during each few for from
  further get got had hadn has hasn have haven having her here hers herself him himself his how
  into isn its itself just let more most mustn myself nor not now off once only other our ours
  ourselves out over own same she should shouldn some such than that the their theirs them
  themselves then there these they this those through too under until very was wasn were weren
  what when where which while who whom why will with won would wouldn you your yours yourself
  yourselves still even really please thanks thank hey yes yet via amp http https www com`.split(
    /\s+/,
  ),
);

const link = /https?:\/\/\S+/g;
const letterOrDigit = /^[\p{L}\p{N}]$/u;
const space = /^\s$/u;
const digitsOnly = /^\p{N}+$/u;
const apostrophe = 39;

// What a character is: asked of the regexes once per character ever seen and remembered (a
// table for the Basic Multilingual Plane), so scanning a text is a loop over char codes (one
// Unicode regex over every text took most of the report's time).
const other = 1;
const wordChar = 2;
const spaceChar = 3;
const basicKinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, number>();
function kindOf(code: number): number {
  const known = code <= 0xffff ? basicKinds[code]! : (astralKinds.get(code) ?? 0);
  if (known !== 0) return known;
  const char = String.fromCodePoint(code);
  const kind =
    code === apostrophe || letterOrDigit.test(char)
      ? wordChar
      : space.test(char)
        ? spaceChar
        : other;
  if (code <= 0xffff) basicKinds[code] = kind;
  else astralKinds.set(code, kind);
  return kind;
}

/** A word as counted (apostrophes and a final 's trimmed), or undefined when it does not count. */
function countedWord(token: string): string | undefined {
  let start = 0;
  let end = token.length;
  while (start < end && token.charCodeAt(start) === apostrophe) start += 1;
  while (end > start && token.charCodeAt(end - 1) === apostrophe) end -= 1;
  if (end - start >= 2 && token.charCodeAt(end - 2) === apostrophe && token[end - 1] === 's')
    end -= 2;
  if (end - start < 3) return undefined;
  const word = start === 0 && end === token.length ? token : token.slice(start, end);
  return digitsOnly.test(word) || stopWords.has(word) ? undefined : word;
}

/**
 * The words of a text worth counting: lower case; links, handles, hashtags, numbers, words under
 * three characters and stop words dropped. A word is a run of letters, digits and apostrophes;
 * a handle or hashtag runs from its @ or # to the next space (`a@b.c` keeps `a`), and links go
 * first (`seehttps://x.co` keeps `see`).
 */
export function topicWords(text: string): string[] {
  const lower = text.toLowerCase().replace(link, ' ');
  const words: string[] = [];
  let index = 0;
  while (index < lower.length) {
    const code = lower.codePointAt(index)!;
    if (code === 64 || code === 35) {
      // @ or #: to the next space (a lone @ or # is skipped like punctuation).
      index += 1;
      while (index < lower.length) {
        const next = lower.codePointAt(index)!;
        if (kindOf(next) === spaceChar) break;
        index += next > 0xffff ? 2 : 1;
      }
    } else if (kindOf(code) === wordChar) {
      const start = index;
      index += code > 0xffff ? 2 : 1;
      while (index < lower.length) {
        const next = lower.codePointAt(index)!;
        if (kindOf(next) !== wordChar) break;
        index += next > 0xffff ? 2 : 1;
      }
      const word = countedWord(lower.slice(start, index));
      if (word !== undefined) words.push(word);
    } else index += code > 0xffff ? 2 : 1;
  }
  return words;
}

/** The terms and two-word phrases of one text, each once (a text counts a topic once). */
export function topicsOf(text: string): Set<string> {
  const words = topicWords(text);
  const topics = new Set(words);
  for (let index = 1; index < words.length; index += 1)
    topics.add(`${words[index - 1]} ${words[index]}`);
  return topics;
}

export interface RisingTopic {
  topic: string;
  /** Texts of this period and of the previous one that mention it. */
  current: number;
  previous: number;
  rise: number;
}

// While counting, a topic is a slot number: a word's is kept by the word's id, a phrase's by its
// first word's id and then its second's (small integer keys, fast in a Map). No string per phrase
// and occurrence, and no set per text: a slot remembers the last text that counted it. The
// current period is counted first; the previous one only counts the topics already seen (no
// other can rise), which spares a slot for each of its own phrases.

/** Texts per topic in each of two periods (0: previous, 1: current), one dictionary for both. */
class TopicCounter {
  private readonly words: string[] = [];
  private readonly wordIds = new Map<string, number>();
  private readonly wordSlots: number[] = [];
  /** Per first word's id: the slot of each phrase it starts, by the second word's id. */
  private readonly phraseSlots: Map<number, number>[] = [];
  /** Per slot: its words' ids (the second -1 for a word) and the last text that counted it. */
  private readonly firstWord: number[] = [];
  private readonly secondWord: number[] = [];
  private readonly lastText: number[] = [];
  /** Per period, per slot: how many texts have the topic. */
  readonly counts: [number[], number[]] = [[], []];
  private text = 0;

  get slots(): number {
    return this.firstWord.length;
  }

  count(texts: readonly string[], period: 0 | 1): void {
    const counts = this.counts[period];
    const grow = period === 1;
    for (const body of texts) {
      this.text += 1;
      let previous = -1;
      for (const word of topicWords(body)) {
        const id = grow ? this.idOf(word) : (this.wordIds.get(word) ?? -1);
        if (id >= 0) this.bump(this.wordSlots[id]!, counts);
        if (previous >= 0 && id >= 0) {
          const followers = this.phraseSlots[previous]!;
          let slot = followers.get(id);
          if (slot === undefined && grow) followers.set(id, (slot = this.newSlot(previous, id)));
          if (slot !== undefined) this.bump(slot, counts);
        }
        previous = id;
      }
    }
  }

  topicOf(slot: number): string {
    const first = this.words[this.firstWord[slot]!]!;
    const second = this.secondWord[slot]!;
    return second < 0 ? first : `${first} ${this.words[second]}`;
  }

  private bump(slot: number, counts: number[]) {
    if (this.lastText[slot] === this.text) return;
    this.lastText[slot] = this.text;
    counts[slot] = counts[slot]! + 1;
  }

  private newSlot(first: number, second: number): number {
    this.firstWord.push(first);
    this.secondWord.push(second);
    this.lastText.push(0);
    this.counts[0].push(0);
    this.counts[1].push(0);
    return this.firstWord.length - 1;
  }

  private idOf(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.wordIds.set(word, id);
      this.words.push(word);
      this.phraseSlots.push(new Map());
      this.wordSlots.push(this.newSlot(id, -1));
    }
    return id;
  }
}

/**
 * The topics whose count rises most from the previous period's texts to this period's, largest
 * rise first (then most mentioned, then by name); a topic needs `minCount` texts this period.
 */
export function risingTopics(
  current: readonly string[],
  previous: readonly string[],
  options: { limit?: number; minCount?: number } = {},
): RisingTopic[] {
  const { limit = 20, minCount = 2 } = options;
  const counter = new TopicCounter();
  counter.count(current, 1);
  counter.count(previous, 0);
  const [before, now] = counter.counts;
  // The first `limit` kept in order as the slots go by: sorting every rising topic (tens of
  // thousands of phrases on a few thousand texts) cost more than counting them.
  const top: RisingTopic[] = [];
  for (let slot = 0; slot < counter.slots; slot += 1) {
    const count = now[slot]!;
    const earlier = before[slot]!;
    if (count < minCount || count <= earlier) continue;
    const rise = count - earlier;
    const last = top.length === limit ? top[limit - 1] : undefined;
    if (last && (rise < last.rise || (rise === last.rise && count < last.current))) continue;
    const topic = { topic: counter.topicOf(slot), current: count, previous: earlier, rise };
    if (last && !ranksBefore(topic, last)) continue;
    let at = top.length;
    while (at > 0 && ranksBefore(topic, top[at - 1]!)) at -= 1;
    top.splice(at, 0, topic);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Larger rise first, then more texts this period, then by name. */
function ranksBefore(a: RisingTopic, b: RisingTopic): boolean {
  return a.rise !== b.rise
    ? a.rise > b.rise
    : a.current !== b.current
      ? a.current > b.current
      : a.topic < b.topic;
}
