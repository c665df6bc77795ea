import { matchTerms } from './listening.ts';
import type { ListeningTerms } from './listening.ts';
import type { Mention } from './mention.ts';

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
    reason: `names no brand of the workspace by its terms (${brands.map((b) => b.name).join(', ') || 'no brands'}); add keywords to the brand, or name the brand when importing (--brand)`,
  };
}

/**
 * The brand each post an account heard goes to: a competitor's when its text names only that
 * competitor (share of voice: stored as theirs, never answered as ours); otherwise the account's
 * own brand — its text names the brand, the network addressed it to the account (an @-mention, a
 * reply in its thread, a direct message), or it is the brand's own post. A post answering
 * another of the batch goes with that one, so a thread heard at once stays in one conversation
 * (a thread already stored keeps its conversation whatever its posts name).
 */
export function brandsOfHeard(
  mentions: readonly Mention[],
  own: BrandToPick,
  competitors: readonly BrandToPick[],
): string[] {
  const byExternalId = new Map<string, string>();
  return mentions.map((mention) => {
    const inThread = [mention.parentExternalId, mention.rootExternalId]
      .map((id) => id && byExternalId.get(id))
      .find((brandId) => brandId !== undefined);
    const brandId = inThread ?? brandNamedBy(mention, own, competitors);
    byExternalId.set(mention.externalId, brandId);
    return brandId;
  });
}

function brandNamedBy(
  mention: Mention,
  own: BrandToPick,
  competitors: readonly BrandToPick[],
): string {
  if (mention.fromBrand || mention.isPrivate || competitors.length === 0) return own.id;
  if (matchTerms(mention.text, own, mention.language).length > 0) return own.id;
  const named = competitors.find(
    (brand) => brand.id !== own.id && matchTerms(mention.text, brand, mention.language).length > 0,
  );
  return named?.id ?? own.id;
}
