import type { IdResolver } from '@atproto/identity';

/** What an author's profile says that Earshot keeps. */
export interface AuthorProfile {
  /** Undefined when the author set none (or has no profile). */
  displayName: string | undefined;
  /**
   * When the profile was first written (its `createdAt`): the closest a PDS tells to when the
   * account was made. Undefined when the profile has none or it is not a date.
   */
  accountCreatedAt?: Date | undefined;
}

/** Bluesky caps a display name at 640 bytes (64 graphemes); anything longer is not theirs. */
const maxDisplayNameLength = 640;

/**
 * The display name on an author's `app.bsky.actor.profile/self` record, read from their own PDS
 * (found through their DID document) with `com.atproto.repo.getRecord`: any PDS answers it, so it
 * works on the public network and on a network without an AppView alike. Throws when it cannot
 * tell (DID not resolved, PDS unreachable or in error); an author without a profile resolves
 * with no name.
 */
export async function fetchBlueskyProfile(
  resolver: IdResolver,
  fetcher: typeof fetch,
  did: string,
  signal: AbortSignal,
): Promise<AuthorProfile> {
  const identity = await resolver.did.resolveAtprotoData(did);
  signal.throwIfAborted();
  const url = new URL('/xrpc/com.atproto.repo.getRecord', identity.pds);
  url.searchParams.set('repo', did);
  url.searchParams.set('collection', 'app.bsky.actor.profile');
  url.searchParams.set('rkey', 'self');
  const response = await fetcher(url, { signal, headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => undefined)) as
    { error?: unknown; value?: { displayName?: unknown; createdAt?: unknown } } | undefined;
  if (response.status === 400 && body?.error === 'RecordNotFound')
    return { displayName: undefined };
  if (!response.ok)
    throw new Error(`the PDS of ${did} answered HTTP ${response.status} for its profile`);
  const created = body?.value?.createdAt;
  const createdAt = typeof created === 'string' ? new Date(created) : undefined;
  const accountCreatedAt =
    createdAt && !Number.isNaN(createdAt.getTime()) ? { accountCreatedAt: createdAt } : {};
  const name = body?.value?.displayName;
  if (typeof name !== 'string') return { displayName: undefined, ...accountCreatedAt };
  const trimmed = name.trim();
  return {
    displayName: trimmed === '' || trimmed.length > maxDisplayNameLength ? undefined : trimmed,
    ...accountCreatedAt,
  };
}
