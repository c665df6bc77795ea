import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receiveWebhook } from './receive-webhook.ts';
import { signWebhookBody } from './webhook-signature.ts';

const secret = 'a-long-enough-shared-secret-0123456789';
const now = new Date('2026-11-20T12:00:00Z');
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function deliver(rawBody: string) {
  const timestamp = now.getTime() / 1000;
  const headers = {
    'x-earshot-timestamp': String(timestamp),
    'x-earshot-signature': signWebhookBody(rawBody, timestamp, secret),
  };
  return receiveWebhook({ rawBody, headers }, secret, now, 'Shop contact form');
}

describe('generic webhook delivery', () => {
  it('turns one signed mention into a Mention, keeping markup as plain text', () => {
    const receipt = deliver(fixture('single-mention.json'));
    expect(receipt.ok).toBe(true);
    if (!receipt.ok) return;
    const [mention] = receipt.mentions;
    const source = JSON.parse(fixture('single-mention.json'));
    expect(mention).toMatchObject({
      network: 'webhook',
      externalId: source.id,
      text: source.text,
      author: {
        externalId: source.author.id,
        handle: source.author.handle,
        displayName: source.author.displayName,
      },
      isPrivate: true,
      language: 'en',
    });
    expect(mention?.postedAt.toISOString()).toBe(new Date(source.postedAt).toISOString());
    expect(mention?.raw).toEqual(source);
  });

  it('turns a batch into one Mention per item with parents, roots and engagement', () => {
    const receipt = deliver(fixture('batch.json'));
    if (!receipt.ok) throw new Error(receipt.error.message);
    const source = JSON.parse(fixture('batch.json'));
    expect(receipt.mentions.map((m) => m.externalId)).toEqual(
      source.mentions.map((m: { id: string }) => m.id),
    );
    expect(receipt.mentions[1]).toMatchObject({
      parentExternalId: 'forum-1001',
      rootExternalId: 'forum-1001',
    });
    expect(receipt.mentions[1]?.engagement).toEqual(source.mentions[1].engagement);
    expect(receipt.mentions[0]?.isPrivate).toBe(false);
    expect(receipt.mentions[1]?.raw).toEqual(source.mentions[1]);
  });

  it('rejects unknown fields with an error naming them', () => {
    const body = JSON.stringify({
      ...JSON.parse(fixture('single-mention.json')),
      postedat: 'x',
      sentiment: 'bad',
    });
    const receipt = deliver(body);
    expect(receipt).toMatchObject({ ok: false, status: 422, error: { code: 'invalid_mention' } });
    if (receipt.ok) return;
    expect(receipt.error.message).toMatch(/postedat/);
    expect(receipt.error.message).toMatch(/sentiment/);
  });

  it('names the field at fault inside a batch', () => {
    const batch = JSON.parse(fixture('batch.json'));
    batch.mentions[1].postedAt = 'last tuesday';
    const receipt = deliver(JSON.stringify(batch));
    if (receipt.ok) throw new Error('accepted a bad date');
    expect(receipt.error.details?.map((issue) => issue.path)).toEqual(['mentions.1.postedAt']);
  });

  it('answers 400 for a body that is not JSON and 401 before reading an unsigned body', () => {
    expect(deliver('{"id": ')).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'invalid_json' },
    });
    const unsigned = receiveWebhook(
      { rawBody: '{"id": ', headers: {} },
      secret,
      now,
      'Shop contact form',
    );
    expect(unsigned).toMatchObject({
      ok: false,
      status: 401,
      error: { code: 'missing_signature' },
    });
  });

  it('rejects an empty batch and a javascript: URL', () => {
    expect(deliver('{"mentions":[]}')).toMatchObject({ ok: false, status: 422 });
    const hostile = { ...JSON.parse(fixture('single-mention.json')), url: 'javascript:alert(1)' };
    expect(deliver(JSON.stringify(hostile))).toMatchObject({ ok: false, status: 422 });
  });

  it('takes mentions that name this account or none, and refuses those naming another', () => {
    const one = JSON.parse(fixture('single-mention.json'));
    const body = {
      account: 'Shop contact form',
      mentions: [
        { ...one, id: 'batch-account' },
        { ...one, id: 'other-account', account: 'Another client' },
      ],
    };
    const receipt = deliver(JSON.stringify(body));
    expect(receipt.ok && receipt.mentions.map((mention) => mention.externalId)).toEqual([
      'batch-account',
    ]);
    expect(receipt.ok && receipt.foreign.map((entry) => entry.reason)).toEqual([
      'mention other-account is for the account "Another client", not "Shop contact form" connected at this URL',
    ]);
    expect(deliver(fixture('single-mention.json'))).toMatchObject({ ok: true, foreign: [] });
  });
});
