import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetaChannel } from './meta-channel.ts';

const appSecret = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const credentials = {
  pageId: '137542570280222',
  pageAccessToken: 'page-token',
  appSecret,
  verifyToken: 'our-verify-token',
};
const now = new Date('2026-11-20T12:00:00Z');
const channel = createMetaChannel('facebook');
const body = readFileSync(new URL('./fixtures/facebook-feed.json', import.meta.url));

function delivery(raw: Uint8Array | string, signature?: string) {
  const rawBody = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw);
  const header =
    signature ?? `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
  return {
    rawBody,
    header: (name: string) => (name === 'x-hub-signature-256' ? header : undefined),
  };
}

describe('Meta channel receive', () => {
  it('takes the entries of a signed delivery for the Page connected at the address', () => {
    const receipt = channel.receive!(credentials, delivery(body), now);
    expect(receipt).toMatchObject({ accepted: true, rejected: [] });
    expect(receipt.accepted && receipt.mentions).toHaveLength(3);
  });

  it("keeps another Page's entries as rejected records, and still answers 200", () => {
    const receipt = channel.receive!({ ...credentials, pageId: '999000111' }, delivery(body), now);
    expect(receipt).toMatchObject({ accepted: true, mentions: [] });
    expect(receipt.accepted && receipt.rejected).toHaveLength(1);
    expect(receipt.accepted && receipt.refusal).toBeUndefined();
  });

  it('refuses a forged signature; keeps a signed unreadable body without refusing it', () => {
    expect(channel.receive!(credentials, delivery(body, 'sha256=00'), now)).toMatchObject({
      accepted: false,
      status: 401,
    });
    const broken = channel.receive!(credentials, delivery('{"entry":'), now);
    expect(broken).toMatchObject({ accepted: true, rejected: [{ body: '{"entry":' }] });
    expect(broken.accepted && broken.refusal).toBeUndefined();
  });

  it('answers the subscription handshake only with the verify token', () => {
    const query = {
      'hub.mode': 'subscribe',
      'hub.verify_token': 'our-verify-token',
      'hub.challenge': '1158201444',
    };
    expect(channel.answerHandshake!(credentials, query)).toEqual({
      ok: true,
      challenge: '1158201444',
    });
    expect(channel.answerHandshake!({ ...credentials, verifyToken: '' }, query)).toBeUndefined();
  });
});
