import { createHmac, timingSafeEqual } from 'node:crypto';

type ChallengeCheck = { ok: true; challenge: string } | { ok: false; reason: string };

/**
 * Meta's subscription handshake: a GET with hub.mode=subscribe, the verify token we chose and a
 * challenge to echo back. Anything else is refused (answer 403).
 */
export function verifyChallenge(
  query: URLSearchParams | Record<string, string | undefined>,
  verifyToken: string,
): ChallengeCheck {
  const get = (name: string) =>
    query instanceof URLSearchParams ? (query.get(name) ?? undefined) : query[name];
  const mode = get('hub.mode');
  const token = get('hub.verify_token');
  const challenge = get('hub.challenge');
  if (mode !== 'subscribe') return { ok: false, reason: 'hub.mode must be "subscribe"' };
  if (token === undefined || !equalSecrets(token, verifyToken))
    return { ok: false, reason: 'hub.verify_token does not match' };
  // The challenge is echoed into our response body: accept only what Meta sends (digits), never markup.
  if (!challenge || !/^[A-Za-z0-9_-]{1,128}$/.test(challenge))
    return { ok: false, reason: 'hub.challenge is missing or malformed' };
  return { ok: true, challenge };
}

type MetaSignatureCheck =
  { ok: true } | { ok: false; code: 'missing_signature' | 'malformed_signature' | 'bad_signature' };

/** X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body with the app secret. */
export function verifySignature(
  rawBody: string | Uint8Array,
  header: string | undefined,
  appSecret: string,
): MetaSignatureCheck {
  if (!header) return { ok: false, code: 'missing_signature' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return { ok: false, code: 'malformed_signature' };
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, code: 'bad_signature' };
}

/** Constant-time comparison of two strings of any length. */
function equalSecrets(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so timingSafeEqual never leaks the secret's length.
  const a = createHmac('sha256', 'earshot').update(given).digest();
  const b = createHmac('sha256', 'earshot').update(expected).digest();
  return timingSafeEqual(a, b);
}
