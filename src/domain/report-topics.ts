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

/** The words of a text worth counting: lower case, no links, handles, numbers or stop words. */
export function topicWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#]\S+/g, ' ')
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter((word) => word.length >= 3 && !/^\p{N}+$/u.test(word) && !stopWords.has(word));
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

function countTopics(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const topic of topicsOf(text)) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
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
  const before = countTopics(previous);
  const rising: RisingTopic[] = [];
  for (const [topic, count] of countTopics(current)) {
    const earlier = before.get(topic) ?? 0;
    if (count >= minCount && count > earlier)
      rising.push({ topic, current: count, previous: earlier, rise: count - earlier });
  }
  rising.sort((a, b) => b.rise - a.rise || b.current - a.current || (a.topic < b.topic ? -1 : 1));
  return rising.slice(0, limit);
}
