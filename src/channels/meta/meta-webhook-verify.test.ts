import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyChallenge, verifySignature } from './meta-webhook-verify.ts';
import { receiveMetaWebhook } from './receive-meta-webhook.ts';

const appSecret = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const body = readFileSync(new URL('./fixtures/facebook-feed.json', import.meta.url));
const sign = (raw: Uint8Array | string, secret = appSecret) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

describe('Meta subscription handshake', () => {
  const query = {
    'hub.mode': 'subscribe',
    'hub.verify_token': 'our-verify-token',
    'hub.challenge': '1158201444',
  };

  it('echoes the challenge when the verify token matches', () => {
    expect(verifyChallenge(new URLSearchParams(query), 'our-verify-token')).toEqual({
      ok: true,
      challenge: '1158201444',
    });
  });

  it('refuses a wrong token, another mode, or a challenge that is not plain', () => {
    expect(verifyChallenge({ ...query, 'hub.verify_token': 'guess' }, 'our-verify-token').ok).toBe(
      false,
    );
    expect(
      verifyChallenge({ ...query, 'hub.verify_token': undefined }, 'our-verify-token').ok,
    ).toBe(false);
    expect(verifyChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'our-verify-token').ok).toBe(
      false,
    );
    expect(
      verifyChallenge({ ...query, 'hub.challenge': '<script>x</script>' }, 'our-verify-token').ok,
    ).toBe(false);
    expect(verifyChallenge({ ...query, 'hub.challenge': undefined }, 'our-verify-token').ok).toBe(
      false,
    );
  });
});

describe('X-Hub-Signature-256', () => {
  it('accepts the HMAC of the exact raw body', () => {
    expect(verifySignature(body, sign(body), appSecret)).toEqual({ ok: true });
    expect(
      verifySignature(
        body.toString('utf8'),
        sign(body).toUpperCase().replace('SHA256=', 'sha256='),
        appSecret,
      ),
    ).toEqual({
      ok: true,
    });
  });

  it('rejects a forged body, another secret, and a re-serialised body', () => {
    const forged = Buffer.from(body.toString('utf8').replace('Dana', 'Dona'));
    expect(verifySignature(forged, sign(body), appSecret)).toEqual({
      ok: false,
      code: 'bad_signature',
    });
    expect(verifySignature(body, sign(body, 'another-secret'), appSecret)).toEqual({
      ok: false,
      code: 'bad_signature',
    });
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')));
    expect(verifySignature(reserialised, sign(body), appSecret)).toEqual({
      ok: false,
      code: 'bad_signature',
    });
  });

  it.each([
    [undefined, 'missing_signature'],
    ['', 'missing_signature'],
    ['sha1=' + 'a'.repeat(40), 'malformed_signature'],
    ['sha256=' + 'a'.repeat(63), 'malformed_signature'],
    ['sha256=' + 'g'.repeat(64), 'malformed_signature'],
    ['sha256=', 'malformed_signature'],
  ])('rejects the header %j as %s', (header, code) => {
    expect(verifySignature(body, header, appSecret)).toEqual({ ok: false, code });
  });
});

const page = { pageId: '137542570280222' };

describe('a Meta delivery', () => {
  it('yields the mentions of a signed body and refuses an unsigned or broken one', () => {
    const receipt = receiveMetaWebhook(body, sign(body), appSecret, page);
    expect(receipt.ok && receipt.mentions.length).toBe(3);
    expect(receipt.ok && receipt.foreign).toEqual([]);
    expect(receiveMetaWebhook(body, undefined, appSecret, page)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(receiveMetaWebhook('{"entry":', sign('{"entry":'), appSecret, page)).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('refuses the entries of a correctly signed body that are for another Page', () => {
    const receipt = receiveMetaWebhook(body, sign(body), appSecret, { pageId: '999000111' });
    expect(receipt.ok && receipt.mentions).toEqual([]);
    expect(receipt.ok && receipt.foreign.map((entry) => entry.reason)).toEqual([
      'entry for Page 137542570280222, not the account connected at this URL (999000111)',
    ]);
  });
});
