import type { Mention } from '../../domain/mention.ts';
import { normalizeMetaBody } from './meta-normalize.ts';
import { verifySignature } from './meta-webhook-verify.ts';

export type MetaReceipt =
  | { ok: true; mentions: Mention[] }
  | { ok: false; status: 400 | 401; error: { code: string; message: string } };

/** A POSTed Meta delivery: signature over the exact raw bytes first, then the body. */
export function receiveMetaWebhook(
  rawBody: string | Uint8Array,
  signatureHeader: string | undefined,
  appSecret: string,
): MetaReceipt {
  const check = verifySignature(rawBody, signatureHeader, appSecret);
  if (!check.ok) {
    return {
      ok: false,
      status: 401,
      error: { code: check.code, message: 'X-Hub-Signature-256 does not match' },
    };
  }
  try {
    const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
    return { ok: true, mentions: normalizeMetaBody(JSON.parse(text)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid body';
    return { ok: false, status: 400, error: { code: 'invalid_meta_body', message } };
  }
}
