import type { MatchReason } from './post-event.ts';
import { parseRecordUri } from './post-event.ts';

/** What the source listens for: the brand's account, its keywords, and the threads it is in. */
export interface BrandWatch {
  brandDid: string;
  /** Built once by keywordMatcher. */
  keywords: RegExp | undefined;
  /** Root URIs of threads the brand has posted in (in memory; see rememberBrandThread). */
  brandThreadRoots: Set<string>;
}

/**
 * One case-insensitive pattern for all keywords. Word boundaries are letters, digits and `_` in
 * any script (`\b` only knows ASCII), so "acme" matches "#acme" and "Acme's" but not "acmeville".
 */
export function keywordMatcher(keywords: readonly string[]): RegExp | undefined {
  const words = keywords.map((keyword) => keyword.trim()).filter((keyword) => keyword.length > 0);
  if (words.length === 0) return undefined;
  const alternatives = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'iu');
}

/** Why a post concerns the brand; empty when it does not. Pure: reads only its arguments. */
export function matchPost(
  authorDid: string,
  record: Record<string, unknown>,
  watch: BrandWatch,
): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (authorDid === watch.brandDid) reasons.push('brand');
  if (mentionsDid(record.facets, watch.brandDid)) reasons.push('mention');
  if (watch.keywords && typeof record.text === 'string' && watch.keywords.test(record.text))
    reasons.push('keyword');
  if (quotesDid(record.embed, watch.brandDid)) reasons.push('quote');
  if (inBrandThread(record.reply, watch)) reasons.push('thread');
  return reasons;
}

/** Remembers the thread a brand post belongs to, so later replies anywhere in it are heard. */
export function rememberBrandThread(
  watch: BrandWatch,
  postUri: string,
  record: Record<string, unknown>,
  limit = 10_000,
): void {
  const rootUri = refUri(asObject(record.reply)?.root) ?? postUri;
  watch.brandThreadRoots.delete(rootUri);
  watch.brandThreadRoots.add(rootUri);
  // A Set iterates in insertion order: the first entries are the threads least recently joined.
  for (const oldest of watch.brandThreadRoots) {
    if (watch.brandThreadRoots.size <= limit) break;
    watch.brandThreadRoots.delete(oldest);
  }
}

function mentionsDid(facets: unknown, did: string): boolean {
  if (!Array.isArray(facets)) return false;
  return facets.some((facet) => {
    const features = asObject(facet)?.features;
    return (
      Array.isArray(features) &&
      features.some((feature) => {
        const fields = asObject(feature);
        return fields?.$type === 'app.bsky.richtext.facet#mention' && fields.did === did;
      })
    );
  });
}

/** A quote post embeds the quoted record (alone, or with media). */
function quotesDid(embed: unknown, did: string): boolean {
  const fields = asObject(embed);
  if (!fields) return false;
  const quoted =
    fields.$type === 'app.bsky.embed.recordWithMedia'
      ? asObject(fields.record)?.record
      : fields.record;
  return isAuthoredBy(refUri(quoted), did);
}

/** A reply to a brand post names the brand in its URIs, so this also holds after a restart. */
function inBrandThread(reply: unknown, watch: BrandWatch): boolean {
  const fields = asObject(reply);
  if (!fields) return false;
  const rootUri = refUri(fields.root);
  const parentUri = refUri(fields.parent);
  return (
    isAuthoredBy(rootUri, watch.brandDid) ||
    isAuthoredBy(parentUri, watch.brandDid) ||
    (rootUri !== undefined && watch.brandThreadRoots.has(rootUri))
  );
}

function isAuthoredBy(uri: string | undefined, did: string): boolean {
  return uri !== undefined && parseRecordUri(uri)?.did === did;
}

function refUri(ref: unknown): string | undefined {
  const uri = asObject(ref)?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
