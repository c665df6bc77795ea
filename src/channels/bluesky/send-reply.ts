import { RichText, XRPCError } from '@atproto/api';
import type { OutgoingReply, SentReply } from '../channel.ts';
import { ChannelSendError } from '../channel.ts';
import { replyLengthLimits } from '../../domain/network.ts';
import type { ValidBlueskyCredentials } from './credentials.ts';
import { BlueskyCredentialsError } from './credentials.ts';
import { postUrl } from './normalize.ts';
import type { PostRecord, StrongRef } from './post-event.ts';
import { parseRecordUri, postCollection, postRecordSchema } from './post-event.ts';
import { replyRecordKey } from './reply-record-key.ts';
import type { BlueskySession, SessionCache } from './sessions.ts';
import { toChannelSendError } from './send-error.ts';

/**
 * Posts a public reply in the thread of the mention answered. Idempotent: the record key comes
 * from the idempotency key, and an existing record under it is returned instead of posting again.
 *
 * Private replies are refused: Bluesky direct messages go through the chat service
 * (chat.bsky.*), reached through the AppView, which Earshot does not run or test against yet.
 */
export async function sendBlueskyReply(
  sessions: SessionCache,
  credentials: ValidBlueskyCredentials,
  reply: OutgoingReply,
  signal?: AbortSignal,
): Promise<SentReply> {
  if (reply.visibility === 'private') {
    throw new ChannelSendError(
      'Bluesky private replies (chat) are not supported: only public replies can be sent',
      { retryable: false },
    );
  }
  const text = new RichText({ text: reply.text });
  if (text.text.trim().length === 0)
    throw new ChannelSendError('A Bluesky reply needs some text', { retryable: false });
  if (text.graphemeLength > replyLengthLimits.bluesky) {
    throw new ChannelSendError(
      `A Bluesky post holds at most ${replyLengthLimits.bluesky} characters; this reply has ${text.graphemeLength}`,
      {
        retryable: false,
      },
    );
  }

  const session = await openSession(sessions, credentials);
  const rkey = replyRecordKey(reply.idempotencyKey);
  const sent = (): SentReply => ({
    externalId: `at://${session.did}/${postCollection}/${rkey}`,
    url: postUrl(session.handle, rkey),
  });
  try {
    if (await recordExists(session, rkey, signal)) return sent();
    const parent = await strongRefOf(session, reply.inReplyTo.externalId, reply.inReplyTo.raw);
    const root = await threadRoot(session, parent, reply.inReplyTo);
    // Facets make @handles and links live; handles resolve through the PDS.
    await text.detectFacets(session.agent);
    await session.agent.com.atproto.repo.createRecord(
      {
        repo: session.did,
        collection: postCollection,
        rkey,
        record: {
          $type: postCollection,
          text: text.text,
          facets: text.facets,
          reply: { root, parent },
          createdAt: new Date().toISOString(),
        },
      },
      { signal },
    );
    return sent();
  } catch (error) {
    // An earlier try may have written the record before failing to answer (the PDS answers a
    // second write under the same key with a 500): if it is there, the reply is sent.
    if (await recordExists(session, rkey, signal).catch(() => false)) return sent();
    if (error instanceof XRPCError && error.status === 401) sessions.forget(credentials);
    throw toChannelSendError(error, `Sending the Bluesky reply ${reply.idempotencyKey}`);
  }
}

async function openSession(
  sessions: SessionCache,
  credentials: ValidBlueskyCredentials,
): Promise<BlueskySession> {
  try {
    return await sessions.get(credentials);
  } catch (error) {
    if (error instanceof BlueskyCredentialsError)
      throw new ChannelSendError(error.message, { retryable: false, cause: error });
    throw toChannelSendError(error, `Logging in to Bluesky as ${credentials.identifier}`);
  }
}

async function recordExists(
  session: BlueskySession,
  rkey: string,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await session.agent.com.atproto.repo.getRecord(
      { repo: session.did, collection: postCollection, rkey },
      { signal },
    );
    return true;
  } catch (error) {
    if (error instanceof XRPCError && error.status === 400 && error.error === 'RecordNotFound')
      return false;
    throw error;
  }
}

/** The post answered as {uri, cid}: from the raw event when it is ours, else read from its repo. */
async function strongRefOf(session: BlueskySession, uri: string, raw: unknown): Promise<StrongRef> {
  const fields = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (fields.uri === uri && typeof fields.cid === 'string') return { uri, cid: fields.cid };
  return (await readPost(session, uri)).ref;
}

/** The thread's first post: the parent's own root if it is a reply, else the parent itself. */
async function threadRoot(
  session: BlueskySession,
  parent: StrongRef,
  inReplyTo: OutgoingReply['inReplyTo'],
): Promise<StrongRef> {
  const raw = inReplyTo.raw as { uri?: unknown; record?: unknown } | undefined;
  const fromRaw = raw?.uri === parent.uri ? postRecordSchema.safeParse(raw.record) : undefined;
  if (fromRaw?.success) return fromRaw.data.reply?.root ?? parent;
  const { record } = await readPost(session, parent.uri);
  return record.reply?.root ?? parent;
}

async function readPost(
  session: BlueskySession,
  uri: string,
): Promise<{ ref: StrongRef; record: PostRecord }> {
  const parts = parseRecordUri(uri);
  if (!parts || parts.collection !== postCollection) {
    throw new ChannelSendError(`Cannot reply on Bluesky to ${uri}: not the at:// URI of a post`, {
      retryable: false,
    });
  }
  const { data } = await session.agent.com.atproto.repo.getRecord({
    repo: parts.did,
    collection: postCollection,
    rkey: parts.rkey,
  });
  const record = postRecordSchema.safeParse(data.value);
  if (!data.cid || !record.success) {
    throw new ChannelSendError(
      `Cannot reply on Bluesky to ${uri}: its record is not a readable post`,
      { retryable: false },
    );
  }
  return { ref: { uri, cid: data.cid }, record: record.data };
}
