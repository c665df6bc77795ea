import { AtpAgent } from '@atproto/api';
import { createEgressFetch } from '../../security/egress-fetch.ts';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import type { Channel, EventSource, SourceOptions } from '../channel.ts';
import { ChannelSendError } from '../channel.ts';
import type { BlueskyCredentials, ValidBlueskyCredentials } from './credentials.ts';
import { parseBlueskyCredentials } from './credentials.ts';
import { startFirehoseSource } from './firehose-source.ts';
import { normalizeBlueskyEvent } from './normalize.ts';
import { sendBlueskyReply } from './send-reply.ts';
import { login, SessionCache } from './sessions.ts';

export interface BlueskyChannelOptions {
  /** Verify commit signatures on the firehose (see FirehoseSourceOptions.verifyCommits). */
  verifyCommits?: boolean;
  /** Where the PDS, relay and PLC directory may be (default: public https/wss only). */
  egress?: Egress;
}

/**
 * Bluesky over the AT Protocol: hears posts from the firehose (`com.atproto.sync.subscribeRepos`
 * of a relay or PDS) that mention the brand, name a keyword, quote it or reply in its threads,
 * and replies in-thread from the brand's account with an app password.
 */
export function createBlueskyChannel(
  options: BlueskyChannelOptions = {},
): Channel<BlueskyCredentials> {
  const egress = options.egress ?? publicEgress;
  const egressFetch = createEgressFetch(egress);
  const sessions = new SessionCache(egressFetch);
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

    async listen(credentials, sourceOptions: SourceOptions): Promise<EventSource> {
      const valid = parseBlueskyCredentials(credentials);
      const brandDid = await resolveBrandDid(valid, egressFetch);
      return startFirehoseSource(valid, {
        ...sourceOptions,
        egress,
        fetch: egressFetch,
        brandDid,
        verifyCommits: options.verifyCommits ?? false,
      });
    },

    normalize: normalizeBlueskyEvent,

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
