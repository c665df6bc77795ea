import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-earshot-signature';
export const timestampHeader = 'x-earshot-timestamp';

/** Older (or further in the future) than this, a delivery is refused as a possible replay. */
const maxClockSkewSeconds = 300;

type SignatureFailure =
  | 'missing_signature'
  | 'malformed_signature'
  | 'missing_timestamp'
  | 'malformed_timestamp'
  | 'stale_timestamp'
  | 'bad_signature';

type SignatureCheck = { ok: true } | { ok: false; code: SignatureFailure; message: string };

/**
 * Signs `${timestamp}.${body}` so a captured delivery cannot be replayed later under a fresh
 * timestamp. Senders compute the same: hex HMAC-SHA256 with the webhook's secret.
 */
export function signWebhookBody(
  rawBody: string | Uint8Array,
  timestamp: number,
  secret: string,
): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

export function verifyWebhookSignature(input: {
  rawBody: string | Uint8Array;
  signature: string | undefined;
  timestamp: string | undefined;
  secret: string;
  now: Date;
}): SignatureCheck {
  if (!input.signature)
    return failure('missing_signature', `the ${signatureHeader} header is missing`);
  const match = /^sha256=([0-9a-f]{64})$/i.exec(input.signature.trim());
  if (!match?.[1])
    return failure('malformed_signature', `${signatureHeader} must be "sha256=" and 64 hex digits`);
  if (!input.timestamp)
    return failure('missing_timestamp', `the ${timestampHeader} header is missing`);
  if (!/^\d{1,12}$/.test(input.timestamp.trim())) {
    return failure('malformed_timestamp', `${timestampHeader} must be Unix time in seconds`);
  }
  const timestamp = Number(input.timestamp.trim());
  const skew = Math.abs(input.now.getTime() / 1000 - timestamp);
  if (skew > maxClockSkewSeconds) {
    return failure(
      'stale_timestamp',
      `${timestampHeader} is more than ${maxClockSkewSeconds} seconds from now`,
    );
  }
  const expected = Buffer.from(
    signWebhookBody(input.rawBody, timestamp, input.secret).slice('sha256='.length),
    'hex',
  );
  const given = Buffer.from(match[1], 'hex');
  // Lengths are equal (both 32 bytes) by the regex above, as timingSafeEqual requires.
  if (!timingSafeEqual(expected, given))
    return failure('bad_signature', 'the signature does not match the body');
  return { ok: true };
}

function failure(code: SignatureFailure, message: string): SignatureCheck {
  return { ok: false, code, message };
}
