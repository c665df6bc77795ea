import { IdResolver, MemoryCache } from '@atproto/identity';
import { lexToJson } from '@atproto/lex-json';
import { Firehose } from '@atproto/sync';
import type { Event } from '@atproto/sync';
import type { Egress } from '../../security/egress.ts';
import type { EventSource, SourceOptions } from '../channel.ts';
import { BatchDelivery } from './batch-delivery.ts';
import type { ValidBlueskyCredentials } from './credentials.ts';
import { defaultFirehoseUrl } from './credentials.ts';
import type { BrandWatch } from './match-post.ts';
import { keywordMatcher, matchPost, rememberBrandThread } from './match-post.ts';
import type { BlueskyPostEvent } from './post-event.ts';
import { postCollection } from './post-event.ts';

interface FirehoseSourceOptions extends SourceOptions {
  brandDid: string;
  /**
   * Check each commit's signature against its author's key. Off by default: a relay already
   * verifies every commit it serves, and verifying again here costs one DID lookup per author on
   * the whole network.
   */
  verifyCommits?: boolean;
  /** Where the relay may be: checked before each connection (see below). */
  egress: Egress;
  /** The egress policy's fetch, for DID documents (PLC directory, did:web). */
  fetch: typeof fetch;
}

/** Listens to `com.atproto.sync.subscribeRepos` and delivers the posts that concern the brand. */
export async function startFirehoseSource(
  credentials: ValidBlueskyCredentials,
  options: FirehoseSourceOptions,
): Promise<EventSource> {
  const startCursor = parseCursor(options.cursor);
  const service = credentials.firehoseUrl ?? defaultFirehoseUrl;
  // The WebSocket client takes no agent or lookup, so the relay's URL and name are checked just
  // before connecting rather than at connect time; everything else goes through options.fetch.
  await options.egress.checkUrl(service, 'firehoseUrl');
  const idResolver = new IdResolver({
    ...(credentials.plcUrl ? { plcUrl: credentials.plcUrl } : {}),
    fetch: options.fetch,
    didCache: new MemoryCache(),
  });
  const watch: BrandWatch = {
    brandDid: options.brandDid,
    keywords: keywordMatcher(credentials.keywords),
    brandThreadRoots: new Set(),
  };
  const delivery = new BatchDelivery({ deliver: options.onEvents, onError: options.onError });
  let lastSeq = startCursor;

  const handleEvent = async (event: Event): Promise<void> => {
    lastSeq = event.seq;
    if (event.event !== 'create' || event.collection !== postCollection) return;
    // Matching reads only strings, so it runs on the decoded record; only the few posts kept
    // are converted to JSON.
    const matchedBy = matchPost(event.did, event.record, watch);
    if (matchedBy.length === 0) return;
    const record = lexToJson(event.record) as Record<string, unknown>;
    const uri = event.uri.toString();
    if (event.did === watch.brandDid) rememberBrandThread(watch, uri, record);
    const raw: BlueskyPostEvent = {
      kind: 'bluesky.post',
      uri,
      cid: event.cid.toString(),
      author: { did: event.did, handle: await claimedHandle(idResolver, event.did) },
      record: record as BlueskyPostEvent['record'],
      seq: event.seq,
      time: event.time,
      fromBrand: event.did === watch.brandDid,
      matchedBy,
    };
    await delivery.push({ raw, cursor: String(event.seq) });
  };

  const firehose = new Firehose({
    idResolver,
    service,
    filterCollections: [postCollection],
    unauthenticatedCommits: !options.verifyCommits,
    excludeIdentity: true,
    excludeAccount: true,
    excludeSync: true,
    // On a reconnect, go on after the last event seen, not from the start.
    getCursor: () => lastSeq,
    handleEvent,
    onError: options.onError,
  });
  const running = firehose.start();
  return {
    async close() {
      await firehose.destroy();
      await running;
      await delivery.close();
    },
  };
}

/**
 * The handle the author's DID document claims (cached per DID). Not verified against DNS: it is
 * shown to agents as text, and the DID stays the author's identity.
 */
async function claimedHandle(idResolver: IdResolver, did: string): Promise<string | undefined> {
  try {
    const data = await idResolver.did.resolveAtprotoData(did);
    return data.handle;
  } catch {
    return undefined;
  }
}

function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d+$/.test(cursor))
    throw new Error(`Bluesky cursor must be a firehose seq (digits), got "${cursor}"`);
  return Number(cursor);
}
