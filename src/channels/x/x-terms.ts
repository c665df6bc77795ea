import { foldTerm, matchTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import { normalizeX } from './x-normalize.ts';

/** What one polling round searches for, from the brand's terms as they are now. */
export interface XListening {
  /** Recent-search queries, each within X's length limit, by a stable key ("brand:0" …). */
  searches: Array<{ key: string; query: string }>;
  /** Whether a post a search found concerns the brand (exclusions, languages, word bounds). */
  hears(raw: unknown): boolean;
}

/** X's limit on a recent-search query (Basic and Pro access). */
export const maxQueryLength = 512;
const suffix = ' -is:retweet';
const xUsername = /^[a-z0-9_]{1,15}$/u;

/**
 * The brand's keywords (a phrase quoted), hashtags and X handles, OR-ed into as few queries as
 * fit X's limit. X's own matching is looser than ours (it ignores word bounds, and exclusions
 * and languages are left to `hears`, which keeps queries short), so every post found is checked
 * against the terms. The keys are positions, not the query text: a changed term goes on from
 * where the last search stopped instead of starting from now.
 */
export function xListening(hearing: readonly ListeningTerms[]): XListening {
  const parts = hearing
    .flatMap((terms) => [
      ...terms.keywords.map((keyword) => foldTerm(keyword, 'keyword')).map(quoted),
      ...terms.hashtags.map((tag) => foldTerm(tag, 'hashtag')).map((tag) => `#${tag}`),
      ...terms.handles
        .map((handle) => foldTerm(handle, 'handle'))
        .filter((handle) => xUsername.test(handle))
        .map((handle) => `@${handle}`),
    ])
    .filter((part) => part.replace(/[#@"]/gu, '').length > 0);
  const queries: string[] = [];
  let group: string[] = [];
  const flush = () => {
    if (group.length > 0) queries.push(`(${group.join(' OR ')})${suffix}`);
    group = [];
  };
  for (const part of [...new Set(parts)]) {
    const candidate = [...group, part];
    if (`(${candidate.join(' OR ')})${suffix}`.length > maxQueryLength) flush();
    // A single term longer than the limit cannot be searched for; the API validates 100 chars a term.
    if (`(${part})${suffix}`.length <= maxQueryLength) group.push(part);
  }
  flush();
  return {
    searches: queries.map((query, index) => ({ key: `brand:${index}`, query })),
    hears(raw) {
      let mentions;
      try {
        mentions = normalizeX(raw);
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

function quoted(term: string): string {
  const plain = term.replace(/"/gu, ' ').trim();
  return /\s/u.test(plain) ? `"${plain}"` : plain;
}
