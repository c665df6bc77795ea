import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWebhookChannel } from './webhook-channel.ts';
import { signWebhookBody } from './webhook-signature.ts';

const secret = 'a-long-enough-shared-secret-0123456789';
const credentials = { name: 'Shop contact form', secret };
const now = new Date('2026-11-20T12:00:00Z');
const channel = createWebhookChannel();
const fixture = readFileSync(new URL('./fixtures/single-mention.json', import.meta.url), 'utf8');

function delivery(body: string, signedWith = secret) {
  const timestamp = now.getTime() / 1000;
  const headers: Record<string, string> = {
    'x-earshot-timestamp': String(timestamp),
    'x-earshot-signature': signWebhookBody(body, timestamp, signedWith),
  };
  return { rawBody: new TextEncoder().encode(body), header: (name: string) => headers[name] };
}

describe('webhook channel receive', () => {
  it('takes a signed delivery for the account connected at the address', () => {
    const receipt = channel.receive!(credentials, delivery(fixture), now);
    expect(receipt).toMatchObject({ accepted: true, rejected: [] });
    expect(receipt.accepted && receipt.mentions).toHaveLength(1);
    expect(receipt.accepted && receipt.refusal).toBeUndefined();
  });

  it('refuses a forged signature, and takes nothing for an account without a secret', () => {
    expect(channel.receive!(credentials, delivery(fixture, `${secret}x`), now)).toMatchObject({
      accepted: false,
      status: 401,
    });
    expect(channel.receive!({ ...credentials, secret: '' }, delivery(fixture), now)).toMatchObject({
      accepted: false,
      status: 404,
    });
  });

  it("keeps another account's mentions as rejected records and tells the sender", () => {
    const foreign = JSON.stringify({ ...JSON.parse(fixture), account: 'Another shop' });
    const receipt = channel.receive!(credentials, delivery(foreign), now);
    expect(receipt).toMatchObject({
      accepted: true,
      mentions: [],
      rejected: [{ reason: expect.stringContaining('Another shop') }],
      refusal: { status: 422, code: 'wrong_account' },
    });
  });

  it('keeps a signed body it cannot read whole, and refuses it', () => {
    const receipt = channel.receive!(credentials, delivery('{"id":'), now);
    expect(receipt).toMatchObject({
      accepted: true,
      rejected: [{ body: '{"id":' }],
      refusal: { status: 400, code: 'invalid_json' },
    });
  });
});
