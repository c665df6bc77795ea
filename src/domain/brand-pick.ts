import { matchTerms } from './listening.ts';
import type { ListeningTerms } from './listening.ts';

/** A brand of the workspace with what it is heard by. */
export interface BrandToPick extends ListeningTerms {
  id: string;
  name: string;
  isCompetitor: boolean;
}

/**
 * The brand a post concerns when nothing else names it (a review file without a brand): the
 * first whose terms its text matches, our own brands before competitors, in the order given;
 * with no match, the workspace's one own brand if it has exactly one (a business's own review
 * export names it rarely); otherwise none, with the reason.
 */
export function pickBrandByTerms(
  brands: readonly BrandToPick[],
  text: string,
  language?: string,
): { brandId: string } | { reason: string } {
  const ordered = [
    ...brands.filter((b) => !b.isCompetitor),
    ...brands.filter((b) => b.isCompetitor),
  ];
  const matched = ordered.find((brand) => matchTerms(text, brand, language).length > 0);
  if (matched) return { brandId: matched.id };
  const own = brands.filter((brand) => !brand.isCompetitor);
  if (own.length === 1) return { brandId: own[0]!.id };
  return {
    reason: `names no brand of the workspace by its terms (${brands.map((b) => b.name).join(', ') || 'no brands'}); add keywords to the brand or name it with --brand`,
  };
}
