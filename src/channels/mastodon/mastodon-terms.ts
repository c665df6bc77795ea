import { foldTerm, matchTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import { normalizeMastodon } from './mastodon-normalize.ts';

/**
 * What one polling round asks the instance for, from the terms as they are now (the brand's and
 * its competitors': a status any of them matches is heard).
 */
export interface MastodonListening {
  /** Tag timelines to read (folded, without '#'). */
  hashtags: string[];
  /** Full-text status searches: the keywords and phrases, and the handles as "@handle". */
  searches: string[];
  /** Whether a status found by a tag or a search concerns the brand (exclusions, languages). */
  hears(raw: unknown): boolean;
}

// Mastodon's tag names are letters, digits and '_': anything else cannot be a tag timeline.
const tagName = /^[\p{L}\p{N}_]+$/u;

export function mastodonListening(hearing: readonly ListeningTerms[]): MastodonListening {
  const hashtags = unique(
    hearing.flatMap((terms) => terms.hashtags.map((tag) => foldTerm(tag, 'hashtag'))),
  ).filter((tag) => tagName.test(tag));
  const searches = unique(
    hearing.flatMap((terms) => [
      ...terms.keywords.map((keyword) => foldTerm(keyword, 'keyword')),
      ...terms.handles.map((handle) => `@${foldTerm(handle, 'handle')}`),
    ]),
  ).filter((query) => query.replace(/^@/u, '').length >= 2);
  return {
    hashtags,
    searches,
    hears(raw) {
      let mentions;
      try {
        mentions = normalizeMastodon(raw);
      } catch {
        // Not readable here: intake keeps it as a rejected record with the reason.
        return true;
      }
      return mentions.some((mention) =>
        hearing.some((terms) => matchTerms(mention.text, terms, mention.language).length > 0),
      );
    },
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
