import { jsonBodyText } from '../../domain/json-depth.ts';
import type { Mention } from '../../domain/mention.ts';
import { metaBodySchema } from './meta-payload.ts';
import type { MetaEntry } from './meta-payload.ts';
import { normalizeMetaBody } from './meta-normalize.ts';
import { verifyChallenge, verifySignature } from './meta-webhook-verify.ts';
import { noDeliveries, unreadableDelivery } from '../push.ts';
import type { HandshakeAnswer, PushReceipt, PushedDelivery } from '../push.ts';

/** The account a callback URL was connected for: its Page, and its Instagram account if any. */
interface ConnectedMetaAccount {
  pageId: string;
  instagramAccountId?: string | undefined;
}

/** An entry signed by the app but for another Page or Instagram account: refused, kept with why. */
interface ForeignMetaEntry {
  /** A body holding that entry alone, as Meta sent it. */
  body: { object: string; entry: MetaEntry[] };
  reason: string;
}

type MetaReceipt =
  | { ok: true; mentions: Mention[]; foreign: ForeignMetaEntry[] }
  | { ok: false; status: 400 | 401; error: { code: string; message: string } };

/**
 * A POSTed Meta delivery: signature over the exact raw bytes first, then the body. One Meta app
 * (one app secret) can serve many Pages, even for different clients: a valid signature only says
 * the delivery came from the app, so each entry must also be for the account connected at this
 * URL (entry.id: the Page for `page` deliveries, the Instagram account for `instagram` ones).
 */
export function receiveMetaWebhook(
  rawBody: string | Uint8Array,
  signatureHeader: string | undefined,
  appSecret: string,
  connected: ConnectedMetaAccount,
): MetaReceipt {
  const check = verifySignature(rawBody, signatureHeader, appSecret);
  if (!check.ok) {
    return {
      ok: false,
      status: 401,
      error: { code: check.code, message: 'X-Hub-Signature-256 does not match' },
    };
  }
  const read = jsonBodyText(rawBody);
  if (!read.ok)
    return { ok: false, status: 400, error: { code: 'invalid_meta_body', message: read.message } };
  const { text } = read;
  try {
    const body: unknown = JSON.parse(text);
    const parsed = metaBodySchema.safeParse(body);
    if (!parsed.success) return { ok: true, mentions: normalizeMetaBody(body), foreign: [] };
    const { object } = parsed.data;
    const expected = object === 'instagram' ? connected.instagramAccountId : connected.pageId;
    const ours = parsed.data.entry.filter((entry) => entry.id === expected);
    const foreign = parsed.data.entry
      .filter((entry) => entry.id !== expected)
      .map((entry) => ({
        body: { object, entry: [entry] },
        reason: `entry for ${object === 'instagram' ? 'Instagram account' : 'Page'} ${entry.id}, not the account connected at this URL (${expected ?? 'no Instagram account'})`,
      }));
    return {
      ok: true,
      mentions: normalizeMetaBody({ ...parsed.data, entry: ours }),
      foreign,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid body';
    return { ok: false, status: 400, error: { code: 'invalid_meta_body', message } };
  }
}

/** The credentials a Meta account's address is checked with (see metaCredentialsSchema). */
type MetaPushCredentials = Partial<
  Record<'appSecret' | 'pageId' | 'instagramAccountId' | 'verifyToken', string>
>;

/**
 * Channel.receive for Meta: only entries for the account connected at this address are taken
 * (one app secret can serve several accounts, even in other workspaces); a signed body that
 * cannot be read is kept as a rejected record and still answered 200, or Meta would retry it
 * forever.
 */
export function receiveMetaDelivery(
  credentials: MetaPushCredentials,
  delivery: PushedDelivery,
): PushReceipt {
  // Anyone can sign with an empty key: an account without a secret takes no deliveries.
  if (!credentials.appSecret) return noDeliveries;
  const receipt = receiveMetaWebhook(
    delivery.rawBody,
    delivery.header('x-hub-signature-256'),
    credentials.appSecret,
    { pageId: credentials.pageId ?? '', instagramAccountId: credentials.instagramAccountId },
  );
  if (receipt.ok) return { accepted: true, mentions: receipt.mentions, rejected: receipt.foreign };
  if (receipt.status === 401) return { accepted: false, status: 401, error: receipt.error };
  return unreadableDelivery(delivery.rawBody, receipt.error.message);
}

/** Channel.answerHandshake for Meta: never matches an account without a verify token. */
export function answerMetaHandshake(
  credentials: MetaPushCredentials,
  query: Record<string, string | undefined>,
): HandshakeAnswer | undefined {
  return credentials.verifyToken ? verifyChallenge(query, credentials.verifyToken) : undefined;
}
