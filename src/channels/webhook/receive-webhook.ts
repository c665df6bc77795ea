import { jsonBodyText } from '../../domain/json-depth.ts';
import type { Mention } from '../../domain/mention.ts';
import { noDeliveries, unreadableDelivery } from '../push.ts';
import type { PushReceipt, PushedDelivery } from '../push.ts';
import { parseWebhookBody, type PayloadIssue } from './webhook-schema.ts';
import { signatureHeader, timestampHeader, verifyWebhookSignature } from './webhook-signature.ts';

interface WebhookDelivery {
  /** The body as received: its bytes (the signature covers exactly these), or text. */
  rawBody: string | Uint8Array;
  /** Request headers, names in lower case. */
  headers: Record<string, string | undefined>;
}

type WebhookReceipt =
  | {
      ok: true;
      mentions: Mention[];
      /** Mentions that named another account than the one connected here: refused. */
      foreign: Array<{ body: unknown; reason: string }>;
    }
  | {
      ok: false;
      status: 400 | 401 | 422;
      error: { code: string; message: string; details?: PayloadIssue[] };
    };

/**
 * Checks a delivery to the generic webhook in the order that leaks least: the signature first
 * (nothing about the body is said to an unsigned caller), then JSON, then the schema. The account
 * connected at this URL is the source itself (`connectedName`, the name it was connected with):
 * a delivery needs not name it, but a mention that names another (`account`) is refused.
 */
export function receiveWebhook(
  delivery: WebhookDelivery,
  secret: string,
  now: Date,
  connectedName: string,
): WebhookReceipt {
  const check = verifyWebhookSignature({
    rawBody: delivery.rawBody,
    signature: delivery.headers[signatureHeader],
    timestamp: delivery.headers[timestampHeader],
    secret,
    now,
  });
  if (!check.ok)
    return { ok: false, status: 401, error: { code: check.code, message: check.message } };
  const read = jsonBodyText(delivery.rawBody);
  if (!read.ok)
    return { ok: false, status: 400, error: { code: read.code, message: read.message } };
  const { text } = read;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      ok: false,
      status: 400,
      error: { code: 'invalid_json', message: 'the body is not valid JSON' },
    };
  }
  const parsed = parseWebhookBody(body);
  if (!parsed.ok) {
    const message = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return {
      ok: false,
      status: 422,
      error: { code: 'invalid_mention', message, details: parsed.issues },
    };
  }
  const mentions: Mention[] = [];
  const foreign: Array<{ body: unknown; reason: string }> = [];
  parsed.mentions.forEach((mention, index) => {
    const named = parsed.namedAccounts[index];
    if (named === undefined || named === connectedName) mentions.push(mention);
    else
      foreign.push({
        body: mention.raw,
        reason: `mention ${mention.externalId} is for the account "${named}", not "${connectedName}" connected at this URL`,
      });
  });
  return { ok: true, mentions, foreign };
}

/**
 * Channel.receive for the generic webhook: a signed body that cannot be read is kept as a
 * rejected record and refused (400, 422), and so is a delivery whose every mention named
 * another account (422 wrong_account), so the sender hears it.
 */
export function receiveWebhookDelivery(
  credentials: Partial<Record<'secret' | 'name', string>>,
  delivery: PushedDelivery,
  now: Date,
): PushReceipt {
  // Anyone can sign with an empty key: an account without a secret takes no deliveries.
  if (!credentials.secret) return noDeliveries;
  const receipt = receiveWebhook(
    {
      rawBody: delivery.rawBody,
      headers: {
        [signatureHeader]: delivery.header(signatureHeader),
        [timestampHeader]: delivery.header(timestampHeader),
      },
    },
    credentials.secret,
    now,
    credentials.name ?? '',
  );
  if (!receipt.ok) {
    const { status, error } = receipt;
    if (status === 401) return { accepted: false, status, error };
    const refusal = {
      status,
      code: error.code,
      message: error.message,
      details: error.details ?? null,
    };
    return unreadableDelivery(delivery.rawBody, error.message, refusal);
  }
  const { mentions, foreign } = receipt;
  if (mentions.length === 0 && foreign.length > 0) {
    const refusal = { status: 422 as const, code: 'wrong_account', message: foreign[0]!.reason };
    return { accepted: true, mentions, rejected: foreign, refusal };
  }
  return { accepted: true, mentions, rejected: foreign };
}
