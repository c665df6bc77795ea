import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { foldTerm } from '../../domain/listening.ts';
import { decryptCredentials, encryptCredentials } from '../../security/secrets.ts';
import { notifyBrandChanged } from '../../store/brands.repository.ts';
import {
  listAccountsWithCredentials,
  lockAccountCredentials,
  lockBrandTerms,
  replaceAccountCredentials,
  saveBrandTerms,
} from '../../store/credential-terms.repository.ts';
import type { Database } from '../../store/schema.ts';
import { inTransaction } from '../../store/transaction.ts';
import { credentialsContext } from './channel-registry.ts';

/** Terms found inside one account's credentials. */
interface FoundTerms {
  keywords: string[];
  hashtags: string[];
  handles: string[];
}

/** The credential fields listening terms used to live in, before they moved onto the brand. */
const termFields = ['keywords', 'hashtags', 'searchQueries'] as const;

/**
 * Moves the keyword lists that lived inside channel credentials (Bluesky and Mastodon
 * `keywords`, Mastodon `hashtags`, X `searchQueries`) onto the account's brand, and stores the
 * credentials again without them. Run at start, before the channel runner; idempotent (an
 * account without those fields is left alone) and safe with several processes (each account
 * and brand is locked while it moves). An account whose credentials cannot be decrypted is
 * skipped: the runner reports it on the account. Returns how many accounts were changed.
 */
export async function moveCredentialTermsToBrands(
  db: Kysely<Database>,
  secretKey: Buffer,
  logger: Logger,
): Promise<number> {
  let moved = 0;
  for (const { id } of await listAccountsWithCredentials(db)) {
    const changed = await inTransaction(db, async (tx) => {
      const account = await lockAccountCredentials(tx, id);
      if (!account?.credentialsEncrypted) return false;
      const context = credentialsContext(account.id);
      let credentials: unknown;
      try {
        credentials = decryptCredentials(secretKey, account.credentialsEncrypted, context);
      } catch {
        return false;
      }
      if (!isRecord(credentials) || !termFields.some((field) => field in credentials)) return false;
      const found = termsIn(credentials);
      const brand = await lockBrandTerms(tx, account.brandId);
      if (brand)
        await saveBrandTerms(tx, account.brandId, {
          keywords: union(brand.keywords, found.keywords, 'keyword'),
          hashtags: union(brand.hashtags, found.hashtags, 'hashtag'),
          handles: union(brand.handles, found.handles, 'handle'),
        });
      const rest = Object.fromEntries(
        Object.entries(credentials).filter(
          ([field]) => !(termFields as readonly string[]).includes(field),
        ),
      );
      await replaceAccountCredentials(tx, account.id, encryptCredentials(secretKey, rest, context));
      await notifyBrandChanged(tx, account.brandId);
      logger.info(
        { accountId: account.id, brandId: account.brandId, ...count(found) },
        "moved the account's listening terms from its credentials onto its brand",
      );
      return true;
    });
    if (changed) moved += 1;
  }
  return moved;
}

function termsIn(credentials: Record<string, unknown>): FoundTerms {
  const found: FoundTerms = {
    keywords: strings(credentials.keywords),
    hashtags: strings(credentials.hashtags),
    handles: [],
  };
  for (const query of strings(credentials.searchQueries)) {
    const terms = termsOfXQuery(query);
    found.keywords.push(...terms.keywords);
    found.hashtags.push(...terms.hashtags);
    found.handles.push(...terms.handles);
  }
  return found;
}

/**
 * An X search query's terms, as near as a brand's terms can say them: its operators
 * (`is:retweet`, `lang:en` …) and negations dropped, each OR-ed part one term (a hashtag, a
 * handle, or a keyword or phrase: "a b" in X means both words; as a phrase it is narrower).
 */
export function termsOfXQuery(query: string): FoundTerms {
  const found: FoundTerms = { keywords: [], hashtags: [], handles: [] };
  const kept = query
    .replace(/(^|\s)-("[^"]*"|\S+)/gu, ' ')
    .replace(/(^|\s)[a-z_]+:\S+/giu, ' ')
    .replace(/[()]/gu, ' ');
  for (const part of kept.split(/\s+OR\s+/u)) {
    const term = part.replace(/"/gu, ' ').replace(/\s+/gu, ' ').trim();
    if (!term) continue;
    if (/^#\S+$/u.test(term)) found.hashtags.push(term);
    else if (/^@\S+$/u.test(term)) found.handles.push(term);
    else found.keywords.push(term);
  }
  return found;
}

function union(current: string[], added: string[], kind: 'keyword' | 'hashtag' | 'handle') {
  const seen = new Set(current.map((term) => foldTerm(term, kind)));
  const result = [...current];
  for (const term of added) {
    const folded = foldTerm(term, kind);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    result.push(term.trim());
  }
  return result;
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    : [];
}

function count(found: FoundTerms) {
  return {
    keywords: found.keywords.length,
    hashtags: found.hashtags.length,
    handles: found.handles.length,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
