import { AtpAgent } from '@atproto/api';
import { createEgressFetch } from '../../security/egress-fetch.ts';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { IdResolver, MemoryCache } from '@atproto/identity';
import type { Channel, EventSource, SharedSource, SourceOptions } from '../channel.ts';
import { ChannelSendError } from '../channel.ts';
import type { BlueskyCredentials, ValidBlueskyCredentials } from './credentials.ts';
import { defaultFirehoseUrl, parseBlueskyCredentials } from './credentials.ts';
import { fetchBlueskyProfile } from './author-profile.ts';
import { FirehoseHub } from './firehose-hub.ts';
import { checkRelay } from './relay-check.ts';
import { blueskyChanges, blueskyReposts, normalizeBlueskyEvent } from './normalize.ts';
import { sendBlueskyReply } from './send-reply.ts';
import { login, SessionCache } from './sessions.ts';

export interface BlueskyChannelOptions {
  /** Where the PDS, relay and PLC directory may be (default: public https/wss only). */
  egress?: Egress;
}

/**
 * Bluesky over the AT Protocol: hears posts from the firehose (`com.atproto.sync.subscribeRepos`
 * of a relay or PDS) that mention the brand, match its listening terms, quote it or reply in its
 * threads, and replies in-thread from the brand's account with an app password. Every account
 * on one relay shares one subscription (`sourceKey`, `listenShared`; see firehose-hub.ts).
 */
export function createBlueskyChannel(
  options: BlueskyChannelOptions = {},
): Channel<BlueskyCredentials> {
  const egress = options.egress ?? publicEgress;
  const egressFetch = createEgressFetch(egress);
  const sessions = new SessionCache(egressFetch);
  /** DID resolvers by the PLC directory they ask ('' for the public one), with their caches. */
  const resolvers = new Map<string, IdResolver>();
  const resolverFor = (plcUrl: string | undefined) => {
    let resolver = resolvers.get(plcUrl ?? '');
    if (!resolver) {
      resolver = new IdResolver({
        ...(plcUrl ? { plcUrl } : {}),
        fetch: egressFetch,
        didCache: new MemoryCache(),
      });
      resolvers.set(plcUrl ?? '', resolver);
    }
    return resolver;
  };
  return {
    network: 'bluesky',

    async validateCredentials(credentials) {
      const valid = parseBlueskyCredentials(credentials);
      await egress.checkUrl(valid.service, 'service');
      if (valid.firehoseUrl) await egress.checkUrl(valid.firehoseUrl, 'firehoseUrl');
      if (valid.plcUrl) await egress.checkUrl(valid.plcUrl, 'plcUrl');
      const session = await login(valid, egressFetch);
      return { accountId: session.did, handle: session.handle };
    },

    sourceKey(credentials) {
      try {
        return relayKey(parseBlueskyCredentials(credentials));
      } catch {
        return undefined;
      }
    },

    async listenShared(key, sharedOptions): Promise<SharedSource<BlueskyCredentials>> {
      // The WebSocket client takes no agent or lookup, so the relay's URL and name are checked
      // just before connecting rather than at connect time; DID documents go through egressFetch.
      await egress.checkUrl(key, 'firehoseUrl');
      const handles = new HandleCache(egressFetch);
      const hub = new FirehoseHub({
        service: key,
        cursor: parseCursor(sharedOptions.cursor),
        resolveHandle: (did) => handles.resolve(did),
        deliver: sharedOptions.onEvents,
        onError: sharedOptions.onError,
        ...(sharedOptions.onAlive ? { onAlive: sharedOptions.onAlive } : {}),
      });
      return {
        async join(memberId, credentials, memberOptions) {
          const valid = parseBlueskyCredentials(credentials);
          if (relayKey(valid) !== key)
            throw new Error(`account ${memberId} listens to ${relayKey(valid)}, not ${key}`);
          if (valid.plcUrl) await egress.checkUrl(valid.plcUrl, 'plcUrl');
          const brandDid = await resolveBrandDid(valid, egressFetch);
          handles.usePlc(valid.plcUrl);
          hub.add(
            { id: memberId, brandDid, terms: memberOptions.terms },
            memberOptions.heardBefore,
          );
        },
        leave(memberId) {
          hub.remove(memberId);
        },
        start: () => hub.start(),
        close: () => hub.close(),
      };
    },

    /** One account alone: a shared source with one member, its cursor moved with its posts. */
    async listen(credentials, sourceOptions: SourceOptions): Promise<EventSource> {
      const valid = parseBlueskyCredentials(credentials);
      const shared = await this.listenShared!(relayKey(valid), {
        cursor: sourceOptions.cursor,
        onEvents: async (batch) => {
          const events = batch.heard.flatMap((heard) => heard.events);
          if (events.length > 0) await sourceOptions.onEvents(events);
        },
        onError: sourceOptions.onError,
        ...(sourceOptions.onAlive ? { onAlive: sourceOptions.onAlive } : {}),
      });
      try {
        await shared.join('account', credentials, {
          terms: sourceOptions.terms,
          ...(sourceOptions.heardBefore ? { heardBefore: sourceOptions.heardBefore } : {}),
        });
        shared.start();
      } catch (error) {
        await shared.close();
        throw error;
      }
      return shared;
    },

    /**
     * Opens the relay's firehose once (without a cursor, so nothing old is replayed): ok once it
     * is open. An idle PDS sends no frame until something happens, so an open connection is
     * what proves the relay is there; what it serves is then the relay's business.
     */
    async testListening(credentials, signal) {
      try {
        const key = relayKey(parseBlueskyCredentials(credentials));
        await egress.checkUrl(key, 'firehoseUrl');
        return await checkRelay(key, signal);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },

    normalize: normalizeBlueskyEvent,

    changes: blueskyChanges,

    reposts: blueskyReposts,

    async fetchAuthorProfile(credentials, did, signal) {
      const valid = parseBlueskyCredentials(credentials);
      return fetchBlueskyProfile(resolverFor(valid.plcUrl), egressFetch, did, signal);
    },

    async send(credentials, reply, options) {
      let valid: ValidBlueskyCredentials;
      try {
        valid = parseBlueskyCredentials(credentials);
      } catch (error) {
        throw new ChannelSendError(error instanceof Error ? error.message : String(error), {
          retryable: false,
          cause: error,
        });
      }
      return sendBlueskyReply(sessions, valid, reply, options?.signal);
    },
  };
}

/** Listening needs only the brand's DID, not a login: given, a DID identifier, or the handle resolved by the PDS. */
async function resolveBrandDid(
  credentials: ValidBlueskyCredentials,
  fetcher: typeof fetch,
): Promise<string> {
  if (credentials.brandDid) return credentials.brandDid;
  if (credentials.identifier.startsWith('did:')) return credentials.identifier;
  const agent = new AtpAgent({ service: credentials.service, fetch: fetcher });
  const { data } = await agent.com.atproto.identity.resolveHandle({
    handle: credentials.identifier,
  });
  return data.did;
}

/** The relay an account listens to, as one key: its firehose URL without a trailing slash. */
function relayKey(credentials: ValidBlueskyCredentials): string {
  return new URL(credentials.firehoseUrl ?? defaultFirehoseUrl).href.replace(/\/+$/, '');
}

function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d+$/.test(cursor))
    throw new Error(`Bluesky cursor must be a firehose seq (digits), got "${cursor}"`);
  return Number(cursor);
}

/**
 * The handle an author's DID document claims (cached per DID). Not verified against DNS: it is
 * shown to agents as text, and the DID stays the author's identity. DIDs are resolved through
 * the PLC directory the accounts name (the public one by default).
 */
class HandleCache {
  readonly #fetch: typeof fetch;
  #plcUrl: string | undefined;
  #resolver: IdResolver | undefined;
  constructor(fetcher: typeof fetch) {
    this.#fetch = fetcher;
  }
  usePlc(plcUrl: string | undefined): void {
    if (!plcUrl || plcUrl === this.#plcUrl) return;
    this.#plcUrl = plcUrl;
    this.#resolver = undefined;
  }
  async resolve(did: string): Promise<string | undefined> {
    this.#resolver ??= new IdResolver({
      ...(this.#plcUrl ? { plcUrl: this.#plcUrl } : {}),
      fetch: this.#fetch,
      didCache: new MemoryCache(),
    });
    try {
      return (await this.#resolver.did.resolveAtprotoData(did)).handle;
    } catch {
      return undefined;
    }
  }
}
