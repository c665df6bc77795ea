import type { Mention } from './mention.ts';

/**
 * A batch's mentions by external id: a post delivered twice in one batch is taken once (its last
 * copy, in the place of its first).
 */
export function uniqueMentions(mentions: readonly Mention[]): Map<string, Mention> {
  return new Map(mentions.map((mention) => [mention.externalId, mention]));
}

/**
 * The external ids intake looks up among stored mentions: the batch's own (which are stored
 * already: dedupe) and the posts they answer (which conversation they join), in one lookup.
 */
export function threadLookupIds(unique: ReadonlyMap<string, Mention>): string[] {
  const lookedUp = new Set(unique.keys());
  for (const mention of unique.values()) {
    if (mention.parentExternalId) lookedUp.add(mention.parentExternalId);
    if (mention.rootExternalId) lookedUp.add(mention.rootExternalId);
  }
  return [...lookedUp];
}

/**
 * The mentions not stored yet, oldest first so a reply in the same batch finds the post it
 * answers, and how many of the batch were duplicates (within it, or stored before).
 */
export function freshMentions(
  batch: readonly Mention[],
  unique: ReadonlyMap<string, Mention>,
  stored: ReadonlyMap<string, string>,
): { fresh: Mention[]; duplicates: number } {
  const fresh = [...unique.values()].filter((mention) => !stored.has(mention.externalId));
  fresh.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  return { fresh, duplicates: batch.length - fresh.length };
}

/**
 * The external id of the first post of a mention's thread. A thread can arrive out of order (a
 * reply before the post it answers): its conversation is found by this root, whether a reply
 * named it or it is this very post.
 */
export const threadRoot = (mention: Mention): string =>
  mention.rootExternalId ?? mention.externalId;
