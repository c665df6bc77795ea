import { jsonNestsDeeperThan, maxJsonDepth } from '../../domain/json-depth.ts';
import type { Mention } from '../../domain/mention.ts';
import { decodeUtf8 } from '../../domain/utf8.ts';
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
  const text = typeof rawBody === 'string' ? rawBody : decodeUtf8(rawBody);
  if (text === undefined)
    return {
      ok: false,
      status: 400,
      error: { code: 'invalid_meta_body', message: 'the body is not valid UTF-8' },
    };
  if (jsonNestsDeeperThan(text))
    return {
      ok: false,
      status: 400,
      error: {
        code: 'invalid_meta_body',
        message: `the JSON nests deeper than ${maxJsonDepth} levels`,
      },
    };
  try {
    return { ok: true, mentions: normalizeMetaBody(JSON.parse(text)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid body';
    return { ok: false, status: 400, error: { code: 'invalid_meta_body', message } };
  }
}
