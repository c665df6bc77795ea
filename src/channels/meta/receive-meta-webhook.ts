import { jsonBodyText } from '../../domain/json-depth.ts';
import type { Mention } from '../../domain/mention.ts';
import { metaBodySchema } from './meta-payload.ts';
import type { MetaEntry } from './meta-payload.ts';
import { normalizeMetaBody } from './meta-normalize.ts';
import { verifySignature } from './meta-webhook-verify.ts';

/** The account a callback URL was connected for: its Page, and its Instagram account if any. */
export interface ConnectedMetaAccount {
  pageId: string;
  instagramAccountId?: string | undefined;
}

/** An entry signed by the app but for another Page or Instagram account: refused, kept with why. */
export interface ForeignMetaEntry {
  /** A body holding that entry alone, as Meta sent it. */
  body: { object: string; entry: MetaEntry[] };
  reason: string;
}

export type MetaReceipt =
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
