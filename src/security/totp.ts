import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// TOTP as RFC 6238 and every authenticator app expect it: SHA-1, 6 digits, 30-second steps.
const period = 30;
const digits = 6;
const issuer = 'Earshot';

/** A new random TOTP secret (160 bits, base32, as authenticator apps take it). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits,
    period,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads (from a QR code, or pasted). */
export function totpUri(secret: string, accountName: string): string {
  return totp(secret, accountName).toString();
}

/**
 * The time step a code is right for, one step either side of now (a phone's clock drifts, a
 * person types slowly); undefined when it is right for none. The caller refuses a step already
 * used, so a code seen over someone's shoulder does not work again.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const timestamp = now.getTime();
  const delta = totp(secret).validate({ token, timestamp, window: 1 });
  if (delta === null) return undefined;
  return TOTP.counter({ period, timestamp }) + delta;
}

// Recovery codes: 12 characters of an alphabet without look-alikes (0/O, 1/I/L), about 60 bits.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten one-time recovery codes, written `XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** True for what looks like a recovery code rather than a TOTP code. */
export function isRecoveryCodeShape(code: string): boolean {
  return normalizeRecoveryCode(code).length === 12;
}

function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** Stored hashed; SHA-256 suffices for 60 random bits behind a sign-in throttle. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');
}
