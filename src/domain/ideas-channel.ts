import type { MentionAssessment } from './intake-plan-types.ts';
import { foldTerm, matchTerms, noTerms } from './listening.ts';

/**
 * A brand's ideas channel (issue 19): some of its handles ("@acmeideas") or hashtags
 * ("#AcmeIdeas") are where customers bring suggestions. A post naming one is triaged as an idea
 * whatever the model thought, so it lands with the ideas to promote. Ideas terms are written
 * with their '@' or '#', so one word can be told apart as a handle or a hashtag.
 */
export function ideasChannelTerms(ideasTerms: readonly string[]) {
  return {
    ...noTerms,
    handles: ideasTerms.filter((term) => term.trim().startsWith('@')),
    hashtags: ideasTerms.filter((term) => term.trim().startsWith('#')),
  };
}

/**
 * The ideas terms that are not among the brand's own handles or hashtags (or lack their '@' or
 * '#'): a brand can only mark as its ideas channel what it already listens for.
 */
export function strayIdeasTerms(brand: {
  handles: readonly string[];
  hashtags: readonly string[];
  ideasTerms: readonly string[];
}): string[] {
  const handles = new Set(brand.handles.map((h) => foldTerm(h, 'handle')));
  const hashtags = new Set(brand.hashtags.map((h) => foldTerm(h, 'hashtag')));
  return brand.ideasTerms.filter((term) => {
    const trimmed = term.trim();
    if (trimmed.startsWith('@')) return !handles.has(foldTerm(trimmed, 'handle'));
    if (trimmed.startsWith('#')) return !hashtags.has(foldTerm(trimmed, 'hashtag'));
    return true;
  });
}

/**
 * The assessment of a customer's post with the brand's ideas channel applied: a post naming
 * one of its terms is labelled an idea (`ideasChannel: true` says why); others are unchanged.
 */
export function applyIdeasChannel(
  assessment: MentionAssessment,
  post: { text: string; fromBrand?: boolean | undefined },
  ideasTerms: readonly string[],
): MentionAssessment {
  if (ideasTerms.length === 0 || post.fromBrand) return assessment;
  if (matchTerms(post.text, ideasChannelTerms(ideasTerms)).length === 0) return assessment;
  return {
    ...assessment,
    details: { ...assessment.details, socialIntent: 'idea', ideasChannel: true },
  };
}
