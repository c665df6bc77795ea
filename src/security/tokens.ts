import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A random bearer secret with a recognisable prefix (so leaked tokens are easy to scan for):
 * ess session, esk API token, esi invitation link, esr password reset link, esc two-factor
 * sign-in challenge.
 */
export function generateToken(prefix: 'ess' | 'esk' | 'esi' | 'esr' | 'esc'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored hashed; SHA-256 suffices for 256-bit random secrets (no guessing to slow down). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
