import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePlatform, type FakePlatform } from '../../../test/helpers/fake-platform.ts';
import { ChannelSendError, type OutgoingReply } from '../channel.ts';
import { createWebhookChannel, type WebhookCredentials } from './webhook-channel.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

const now = new Date('2026-11-20T12:00:00Z');
const secret = 'a-long-enough-shared-secret-0123456789';
const reply: OutgoingReply = {
  idempotencyKey: 'reply-7f3a',
  text: 'Sorry about that, Jane: a replacement is on its way.',
  visibility: 'private',
  inReplyTo: {
    externalId: 'form-2026-0412',
    author: { externalId: 'customer-8812', handle: 'jane' },
    raw: {},
  },
};

describe('generic webhook replies', () => {
  let platform: FakePlatform;
  let credentials: WebhookCredentials;
  const channel = createWebhookChannel({ now: () => now, timeoutMs: 500, egress: localEgress });
  beforeEach(async () => {
    platform = await startFakePlatform();
    credentials = { name: 'Shop form', secret, replyUrl: `${platform.url}/earshot/replies` };
    platform.route('POST', '/earshot/replies', (request) => {
      const check = verifyWebhookSignature({
        rawBody: request.body,
        signature: String(request.headers['x-earshot-signature']),
        timestamp: String(request.headers['x-earshot-timestamp']),
        secret,
        now,
      });
      return check.ok
        ? { status: 201, json: { id: 'ticket-reply-1' } }
        : { status: 401, json: check };
    });
  });
  afterEach(() => platform.close());

  it('posts a signed reply carrying its idempotency key', async () => {
    expect(await channel.send(credentials, reply)).toEqual({ externalId: 'ticket-reply-1' });
    const [request] = platform.requestsTo('POST', '/earshot/replies');
    expect(request?.headers['idempotency-key']).toBe('reply-7f3a');
    expect(request?.json).toMatchObject({
      inReplyToId: 'form-2026-0412',
      text: reply.text,
      visibility: 'private',
    });
  });

  it('reports 429 as retryable with the wait the receiver asked for', async () => {
    platform.fail({ type: 'rate-limit', retryAfterSeconds: 42 });
    const error = await channel.send(credentials, reply).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ retryable: true, retryAfterSeconds: 42 });
  });

  it.each([
    [{ type: 'server-error', status: 503 } as const, true],
    [{ type: 'drop' } as const, true],
    [{ type: 'timeout' } as const, true],
    [{ type: 'respond', response: { status: 400, json: { error: 'bad' } } } as const, false],
  ])('reports %j as retryable=%s', async (fault, retryable) => {
    platform.fail(fault);
    await expect(channel.send(credentials, reply)).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable,
    });
  });

  it("gives up when the outbox's deadline passes, before its own timeout", async () => {
    platform.fail({ type: 'timeout' });
    const patient = createWebhookChannel({
      now: () => now,
      timeoutMs: 60_000,
      egress: localEgress,
    });
    const deadline = new AbortController();
    const sending = patient.send(credentials, reply, { signal: deadline.signal });
    setTimeout(
      () => deadline.abort(new DOMException('the outbox stopped waiting', 'TimeoutError')),
      50,
    );
    await expect(sending).rejects.toMatchObject({
      message: 'the webhook reply URL timed out',
      retryable: true,
    });
  });

  it('refuses to send without a reply URL, for good', async () => {
    const readOnly = { name: 'Shop form', secret };
    await expect(channel.send(readOnly, reply)).rejects.toMatchObject({ retryable: false });
  });

  it('turns invalid credentials into a final send error', async () => {
    const broken = { name: 'Shop form', secret: 'short', replyUrl: 'ftp://example.com' };
    await expect(channel.send(broken, reply)).rejects.toMatchObject({
      name: 'ChannelSendError',
      retryable: false,
      message: expect.stringMatching(/invalid credentials: secret: .*; replyUrl: /),
    });
  });

  it('rejects a secret too short to be safe', async () => {
    await expect(channel.validateCredentials({ name: 'x', secret: 'short' })).rejects.toThrow(
      /32 characters/,
    );
  });
});
