import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'a-long-enough-shared-secret-0123456789';
const now = new Date('2026-11-20T12:00:00Z');
const timestamp = now.getTime() / 1000;
const body = '{"id":"1","text":"hello"}';

function check(overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]>) {
  return verifyWebhookSignature({
    rawBody: body,
    signature: signWebhookBody(body, timestamp, secret),
    timestamp: String(timestamp),
    secret,
    now,
    ...overrides,
  });
}

describe('webhook signature', () => {
  it('accepts a body signed with the secret and a fresh timestamp', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ now: new Date(now.getTime() + 299_000) })).toEqual({ ok: true });
  });

  it('rejects a changed body, a wrong secret, and a signature moved to another timestamp', () => {
    expect(check({ rawBody: body.replace('hello', 'hellO') })).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
    expect(
      check({ signature: signWebhookBody(body, timestamp, 'another-secret-of-enough-length-000') }),
    ).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
    expect(check({ timestamp: String(timestamp + 1) })).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
  });

  it('refuses replays older than five minutes and timestamps from the future', () => {
    const old = timestamp - 301;
    expect(
      check({ timestamp: String(old), signature: signWebhookBody(body, old, secret) }),
    ).toMatchObject({
      code: 'stale_timestamp',
    });
    const future = timestamp + 301;
    expect(
      check({ timestamp: String(future), signature: signWebhookBody(body, future, secret) }),
    ).toMatchObject({
      code: 'stale_timestamp',
    });
  });

  it.each([
    [undefined, 'missing_signature'],
    ['', 'missing_signature'],
    ['sha1=abc', 'malformed_signature'],
    ['sha256=' + 'z'.repeat(64), 'malformed_signature'],
    ['sha256=' + 'a'.repeat(63), 'malformed_signature'],
    ['a'.repeat(64), 'malformed_signature'],
  ])('rejects the signature header %j as %s', (signature, code) => {
    expect(check({ signature })).toMatchObject({ ok: false, code });
  });

  it.each([
    [undefined, 'missing_timestamp'],
    ['soon', 'malformed_timestamp'],
    ['1.5e9', 'malformed_timestamp'],
  ])('rejects the timestamp header %j as %s', (value, code) => {
    expect(check({ timestamp: value })).toMatchObject({ ok: false, code });
  });
});
