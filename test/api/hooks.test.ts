import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../src/channels/webhook/webhook-signature.ts';
import { credentialsContext } from '../../src/pipeline/intake/channel-registry.ts';
import { encryptCredentials } from '../../src/security/secrets.ts';
import {
  insertChannelAccount,
  setChannelStatus,
} from '../../src/store/channel-accounts.repository.ts';
import { newId } from '../../src/store/ids.ts';
import { createTestApi } from '../helpers/api.ts';
import type { TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

const fixture = (path: string) =>
  readFileSync(new URL(`../../src/channels/${path}`, import.meta.url));

const now = new Date('2026-11-20T12:00:00Z');
const webhookSecret = 'hooks-test-secret-0123456789abcdef0123';
const meta = {
  pageId: '137542570280222',
  pageAccessToken: 'page-token',
  appSecret: 'meta-app-secret',
  verifyToken: 'verify-0123456789',
};

let api: TestApi;
let alpha: SeededWorkspace;
let beta: SeededWorkspace;
let webhookId: string;
let facebookId: string;
let betaWebhookId: string;
let betaFacebookId: string;

async function connect(seeded: SeededWorkspace, network: string, credentials: object) {
  const id = newId();
  await insertChannelAccount(api.db, {
    id,
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    network,
    name: `${network} hook`,
    handle: null,
    credentialsEncrypted: encryptCredentials(
      api.deps.channels.secretKey,
      credentials,
      credentialsContext(id),
    ),
  });
  return id;
}

function post(accountId: string, body: Buffer | string, headers: Record<string, string>) {
  return api.app.request(`/hooks/${accountId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

/** A generic webhook delivery signed as a sender would, with the secret given. */
function signed(body: Buffer | string, secret = webhookSecret, at = now) {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'x-earshot-timestamp': String(timestamp),
    'x-earshot-signature': signWebhookBody(body, timestamp, secret),
  };
}

/** A valid generic webhook body of one mention. */
const mentionBody = (id: string, text: string, author: string) =>
  Buffer.from(
    JSON.stringify({
      id,
      text,
      author: { id: author, handle: author },
      postedAt: '2026-11-20T11:00:00Z',
    }),
  );

const betaPageId = '200000000000001';

/** The recorded feed delivery with its entries re-addressed to the Pages given, in order. */
function feedFor(...pageIds: string[]): string {
  const recorded = JSON.parse(fixture('meta/fixtures/facebook-feed.json').toString('utf8')) as {
    entry: Array<{ id: string }>;
  };
  const [entry] = recorded.entry;
  return JSON.stringify({ ...recorded, entry: pageIds.map((id) => ({ ...entry, id })) });
}

const metaSigned = (body: Buffer | string, secret = meta.appSecret) => ({
  'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
});

async function stored(workspaceId: string) {
  const count = async (table: 'mentions' | 'rejected_records') =>
    Number(
      (
        await api.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { mentions: await count('mentions'), rejected: await count('rejected_records') };
}

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  alpha = await seedWorkspace(api.db, 'Alpha');
  beta = await seedWorkspace(api.db, 'Beta');
  webhookId = await connect(alpha, 'webhook', { name: 'Shop form', secret: webhookSecret });
  facebookId = await connect(alpha, 'facebook', meta);
  betaWebhookId = await connect(beta, 'webhook', {
    name: 'Beta form',
    secret: `beta-${webhookSecret}`,
  });
  // An agency's second client: another Page, through the same Meta app (the same app secret).
  betaFacebookId = await connect(beta, 'facebook', { ...meta, pageId: betaPageId });
});
afterAll(async () => api?.close());

describe('the generic webhook receiver', () => {
  it('stores a signed delivery once, for the account it is addressed to, before answering 200', async () => {
    const body = fixture('webhook/fixtures/single-mention.json');
    const first = await post(webhookId, body, signed(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0, rejected: 0 });
    const again = await post(webhookId, body, signed(body));
    expect(await again.json()).toEqual({ stored: 0, duplicates: 1, rejected: 0 });
    const row = await api.db
      .selectFrom('mentions')
      .select(['workspace_id', 'channel_account_id', 'text'])
      .where('external_id', '=', 'form-2026-0412')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ workspace_id: alpha.workspaceId, channel_account_id: webhookId });
    expect(row.text).toContain('<b>please help</b>');
    const account = await api.db
      .selectFrom('channel_accounts')
      .select('last_event_at')
      .where('id', '=', webhookId)
      .executeTakeFirstOrThrow();
    expect(account.last_event_at?.toISOString()).toBe(now.toISOString());
  });

  it('stores every mention of a signed batch', async () => {
    const body = fixture('webhook/fixtures/batch.json');
    const answer = await post(webhookId, body, signed(body));
    const count = (JSON.parse(body.toString('utf8')) as { mentions: unknown[] }).mentions.length;
    expect(await answer.json()).toMatchObject({ stored: count, rejected: 0 });
  });

  it('answers 401 to forgeries and stores nothing', async () => {
    const body = mentionBody('forged-1', 'forged', 'x');
    const before = { alpha: await stored(alpha.workspaceId), beta: await stored(beta.workspaceId) };
    const forgeries: Array<[string, Record<string, string>, Buffer | string]> = [
      ['no signature', {}, body],
      ['a wrong secret', signed(body, 'not-the-secret-0123456789abcdef0123'), body],
      ["another account's secret", signed(body, `beta-${webhookSecret}`), body],
      ['a body changed after signing', signed(body), body.toString().replace('forged', 'FORGED')],
      ['a stale timestamp', signed(body, webhookSecret, new Date(now.getTime() - 600_000)), body],
      ['a malformed signature', { ...signed(body), 'x-earshot-signature': 'sha256=zz' }, body],
    ];
    for (const [what, headers, sent] of forgeries) {
      const answer = await post(webhookId, sent, headers);
      expect(answer.status, what).toBe(401);
      const json = (await answer.json()) as { error: { code: string } };
      expect(json.error.code, what).toMatch(/signature|timestamp/);
    }
    expect({
      alpha: await stored(alpha.workspaceId),
      beta: await stored(beta.workspaceId),
    }).toEqual(before);
  });

  it('keeps a signed but invalid delivery as a rejected record with the reason, and answers 422', async () => {
    const body = Buffer.from(JSON.stringify({ id: 'bad-1', text: 'no author', postedat: 'x' }));
    const before = await stored(alpha.workspaceId);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await post(webhookId, body, signed(body));
      expect(answer.status).toBe(422);
      const json = (await answer.json()) as { error: { code: string; details: unknown[] } };
      expect(json.error.code).toBe('invalid_mention');
      expect(json.error.details.length).toBeGreaterThan(0);
    }
    expect(await stored(alpha.workspaceId)).toEqual({ ...before, rejected: before.rejected + 1 });
    const record = await api.db
      .selectFrom('rejected_records')
      .selectAll()
      .where('channel_account_id', '=', webhookId)
      .executeTakeFirstOrThrow();
    expect(record.reason).toMatch(/author/);
    expect(record.payload).toBe(body.toString());
  });

  it('keeps signed text that is not JSON as a rejected record, and answers 400', async () => {
    const body = 'id=1&text=hello';
    const answer = await post(webhookId, body, signed(body));
    expect(answer.status).toBe(400);
    const record = await api.db
      .selectFrom('rejected_records')
      .select(['reason', 'payload'])
      .where('payload', '=', body)
      .executeTakeFirstOrThrow();
    expect(record.reason).toMatch(/JSON/);
  });

  it('refuses a signed body that is not UTF-8 with 400 (kept as a rejected record), and still checks the signature on the raw bytes first', async () => {
    const valid = mentionBody('utf8-1', 'Très bien 👍', 'u1');
    const accepted = await post(webhookId, valid, signed(valid));
    expect(accepted.status).toBe(200);
    const before = await stored(alpha.workspaceId);
    const latin1 = Buffer.concat([
      valid.subarray(0, 20),
      Buffer.from([0xe9, 0xff]),
      valid.subarray(20),
    ]);
    expect((await post(webhookId, latin1, signed(latin1, 'not-the-secret'))).status).toBe(401);
    expect(await stored(alpha.workspaceId)).toEqual(before);
    const answer = await post(webhookId, latin1, signed(latin1));
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('invalid_utf8');
    expect(await stored(alpha.workspaceId)).toEqual({ ...before, rejected: before.rejected + 1 });
  });

  it('refuses signed JSON nested too deep with 400 before parsing it', async () => {
    const body = '['.repeat(400_000) + ']'.repeat(400_000);
    const answer = await post(webhookId, body, signed(body));
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('json_too_deep');
  });

  it("stores a delivery in the addressed account's workspace only", async () => {
    const body = mentionBody('beta-1', 'hello Beta', 'c1');
    const answer = await post(betaWebhookId, body, signed(body, `beta-${webhookSecret}`));
    expect(answer.status).toBe(200);
    const rows = await api.db
      .selectFrom('mentions')
      .select('workspace_id')
      .where('external_id', '=', 'beta-1')
      .execute();
    expect(rows).toEqual([{ workspace_id: beta.workspaceId }]);
  });

  it('answers 503 with Retry-After while the account is paused, storing nothing', async () => {
    await setChannelStatus(api.db, alpha.workspaceId, webhookId, 'paused', now);
    const body = mentionBody('paused-1', 'anyone there?', 'c2');
    const before = await stored(alpha.workspaceId);
    const answer = await post(webhookId, body, signed(body));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('300');
    expect(await stored(alpha.workspaceId)).toEqual(before);
    await setChannelStatus(api.db, alpha.workspaceId, webhookId, 'active', now);
    expect((await post(webhookId, body, signed(body))).status).toBe(200);
  });

  it('answers 404 for unknown, simulated and removed accounts, and 413 for huge bodies', async () => {
    const body = '{}';
    for (const id of [newId(), alpha.channelAccountId, 'not-a-uuid']) {
      const answer = await post(id, body, signed(body));
      expect(answer.status === 404 || answer.status === 400, id).toBe(true);
    }
    // Credentials stored without a secret (not through the API, which requires one): an empty
    // key is anyone's, so nothing signed with it is taken.
    const keyless = await connect(alpha, 'webhook', { name: 'keyless' });
    const forged = mentionBody('keyless-1', 'signed with nothing', 'k');
    expect((await post(keyless, forged, signed(forged, ''))).status).toBe(404);
    const huge = 'x'.repeat(1024 * 1024 + 1);
    expect((await post(webhookId, huge, signed(huge))).status).toBe(413);
  });
});

describe('the Meta receiver', () => {
  const handshake = (id: string, token: string) =>
    api.app.request(
      `/hooks/${id}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
    );

  it("echoes hub.challenge for the account's verify token, and refuses any other with 403", async () => {
    const ok = await handshake(facebookId, meta.verifyToken);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await handshake(facebookId, 'wrong-token-000')).status).toBe(403);
    expect((await handshake(webhookId, meta.verifyToken)).status).toBe(404);
  });

  it('stores a recorded feed delivery signed with X-Hub-Signature-256 over the raw bytes', async () => {
    const body = fixture('meta/fixtures/facebook-feed.json');
    const answer = await post(facebookId, body, metaSigned(body));
    expect(answer.status).toBe(200);
    const receipt = (await answer.json()) as { stored: number };
    expect(receipt.stored).toBeGreaterThan(0);
    const rows = await api.db
      .selectFrom('mentions')
      .select(['network', 'workspace_id'])
      .where('channel_account_id', '=', facebookId)
      .execute();
    expect(rows).toHaveLength(receipt.stored);
    expect(rows.every((row) => row.network === 'facebook')).toBe(true);
  });

  it('answers 401 to forged deliveries and stores nothing', async () => {
    const body = fixture('meta/fixtures/messenger-messages.json');
    const reserialised = JSON.stringify(JSON.parse(body.toString('utf8')));
    const before = await stored(alpha.workspaceId);
    for (const [what, headers, sent] of [
      ['no signature', {}, body],
      ['a wrong app secret', metaSigned(body, 'another-app'), body],
      ['a re-serialised body', metaSigned(body), reserialised],
      ['sha1 instead of sha256', { 'x-hub-signature-256': 'sha1=abc' }, body],
    ] as const) {
      const answer = await post(facebookId, sent, headers);
      expect(answer.status, what).toBe(401);
    }
    expect(await stored(alpha.workspaceId)).toEqual(before);
  });

  it('keeps a signed body that is not UTF-8 as a rejected record, never storing U+FFFD text', async () => {
    const body = Buffer.concat([
      Buffer.from('{"object":"page","entry":[{"id":"'),
      Buffer.from([0xff]),
      Buffer.from('"}]}'),
    ]);
    const before = await stored(alpha.workspaceId);
    const answer = await post(facebookId, body, metaSigned(body));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ stored: 0, duplicates: 0, rejected: 1 });
    expect(await stored(alpha.workspaceId)).toEqual({ ...before, rejected: before.rejected + 1 });
    const record = await api.db
      .selectFrom('rejected_records')
      .select('reason')
      .where('channel_account_id', '=', facebookId)
      .where('reason', 'like', '%UTF-8%')
      .executeTakeFirst();
    expect(record?.reason).toMatch(/not valid UTF-8/);
  });

  it('keeps a signed body that is not a Meta delivery as a rejected record, and answers 200', async () => {
    const body = JSON.stringify({ hello: 'not meta' });
    const before = await stored(alpha.workspaceId);
    const answer = await post(facebookId, body, metaSigned(body));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ stored: 0, duplicates: 0, rejected: 1 });
    expect(await stored(alpha.workspaceId)).toEqual({ ...before, rejected: before.rejected + 1 });
  });
});

describe('pushed deliveries belong to the account connected at their URL', () => {
  const rejectedReasons = (accountId: string) =>
    api.db
      .selectFrom('rejected_records')
      .select(['reason', 'workspace_id'])
      .where('channel_account_id', '=', accountId)
      .execute();

  it("refuses another Page's entries signed with the shared app secret, and keeps them as rejected", async () => {
    const [alphaBefore, betaBefore] = [
      await stored(alpha.workspaceId),
      await stored(beta.workspaceId),
    ];
    // Beta's Page's delivery, sent (correctly signed) to Alpha's URL.
    const forBeta = feedFor(betaPageId);
    const answer = await post(facebookId, forBeta, metaSigned(forBeta));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ stored: 0, duplicates: 0, rejected: 1 });
    expect(await stored(alpha.workspaceId)).toEqual({
      ...alphaBefore,
      rejected: alphaBefore.rejected + 1,
    });
    expect(await stored(beta.workspaceId)).toEqual(betaBefore);
    expect(await rejectedReasons(facebookId)).toContainEqual({
      workspace_id: alpha.workspaceId,
      reason: `entry for Page ${betaPageId}, not the account connected at this URL (${meta.pageId})`,
    });

    // Alpha's own Page's delivery at Beta's URL: the same, the other way round.
    const forAlpha = feedFor(meta.pageId);
    const atBeta = await post(betaFacebookId, forAlpha, metaSigned(forAlpha));
    expect(await atBeta.json()).toEqual({ stored: 0, duplicates: 0, rejected: 1 });
    const betaMentions = await api.db
      .selectFrom('mentions')
      .select('id')
      .where('workspace_id', '=', beta.workspaceId)
      .execute();
    expect(betaMentions).toHaveLength(betaBefore.mentions);
  });

  it("stores a mixed delivery's own entries and refuses the others", async () => {
    const mixed = feedFor(betaPageId, betaPageId);
    const mixedWithOwn = JSON.stringify({
      ...JSON.parse(mixed),
      entry: [...JSON.parse(feedFor(meta.pageId)).entry, ...JSON.parse(mixed).entry],
    });
    // Fresh ids, so the own entry's mentions are new here.
    const body = mixedWithOwn.replaceAll('139560936744', '439560936744');
    const before = await stored(beta.workspaceId);
    const answer = await post(betaFacebookId, body, metaSigned(body));
    const receipt = (await answer.json()) as { stored: number; rejected: number };
    // Beta's two entries are Beta's; the first (Alpha's Page) is refused.
    expect(receipt.rejected).toBe(1);
    expect(receipt.stored).toBeGreaterThan(0);
    expect(await stored(beta.workspaceId)).toEqual({
      mentions: before.mentions + receipt.stored,
      rejected: before.rejected + 1,
    });
  });

  it('refuses generic webhook mentions that name another account (422 when none is left)', async () => {
    const one = JSON.parse(fixture('webhook/fixtures/single-mention.json').toString('utf8'));
    const body = JSON.stringify({ ...one, id: 'named-beta-1', account: 'Beta form' });
    const before = await stored(alpha.workspaceId);
    const answer = await post(webhookId, body, signed(body));
    expect(answer.status).toBe(422);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('wrong_account');
    expect(await stored(alpha.workspaceId)).toEqual({ ...before, rejected: before.rejected + 1 });
    const own = JSON.stringify({ ...one, id: 'named-alpha-1', account: 'Shop form' });
    expect(await (await post(webhookId, own, signed(own))).json()).toEqual({
      stored: 1,
      duplicates: 0,
      rejected: 0,
    });
  });
});
