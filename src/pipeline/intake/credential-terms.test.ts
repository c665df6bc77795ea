import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import { decryptCredentials, encryptCredentials } from '../../security/secrets.ts';
import { findBrand, updateBrand } from '../../store/brands.repository.ts';
import { insertChannelAccount } from '../../store/channel-accounts.repository.ts';
import { credentialsContext } from './channel-registry.ts';
import { moveCredentialTermsToBrands, termsOfXQuery } from './credential-terms.ts';

const logger = pino({ level: 'silent' });
const secretKey = randomBytes(32);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function account(
  seeded: { workspaceId: string; brandId: string },
  network: string,
  credentials: unknown,
) {
  const id = randomUUID();
  await insertChannelAccount(database.store.db, {
    id,
    workspaceId: seeded.workspaceId,
    brandId: seeded.brandId,
    network,
    name: network,
    handle: null,
    credentialsEncrypted: encryptCredentials(secretKey, credentials, credentialsContext(id)),
  });
  return id;
}

const storedCredentials = async (id: string) => {
  const row = await database.store.db
    .selectFrom('channel_accounts')
    .select('credentials_encrypted')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return decryptCredentials(secretKey, row.credentials_encrypted!, credentialsContext(id));
};

describe('moving listening terms out of channel credentials', () => {
  it("merges Bluesky, Mastodon and X terms into the brand's, drops them from the credentials, and does it once", async () => {
    const seeded = await seedWorkspace(database.store.db, 'Moved');
    await updateBrand(database.store.db, seeded.workspaceId, seeded.brandId, {
      keywords: ['Northwind'],
      hashtags: [],
    });
    const bluesky = await account(seeded, 'bluesky', {
      service: 'https://pds.example',
      identifier: 'brand.example',
      appPassword: 'app-password',
      keywords: ['northwind', 'northwind air'],
    });
    const mastodon = await account(seeded, 'mastodon', {
      instanceUrl: 'https://mastodon.example',
      accessToken: 'token',
      hashtags: ['flynorthwind'],
      keywords: ['Northwind Air', 'jetlag'],
      streaming: false,
    });
    const x = await account(seeded, 'x', {
      accessToken: 'token',
      userId: '42',
      searchQueries: ['(#northwind OR @NorthwindHelp) -is:retweet lang:en'],
    });
    const webhook = await account(seeded, 'webhook', { name: 'form', secret: 's'.repeat(32) });
    const untouched = await storedCredentials(webhook);

    expect(await moveCredentialTermsToBrands(database.store.db, secretKey, logger)).toBe(3);

    const brand = await findBrand(database.store.db, seeded.workspaceId, seeded.brandId);
    // Accounts are taken in id order (random here): compare without order; "Northwind Air" and
    // "northwind air" are one term, kept once, and the brand's own "Northwind" stays first.
    const folded = (terms: string[] | undefined) => terms?.map((t) => t.toLowerCase()).sort();
    expect(brand?.keywords[0]).toBe('Northwind');
    expect(folded(brand?.keywords)).toEqual(['jetlag', 'northwind', 'northwind air']);
    expect(folded(brand?.hashtags)).toEqual(['#northwind', 'flynorthwind']);
    expect(brand?.handles).toEqual(expect.arrayContaining(['@NorthwindHelp']));
    expect(await storedCredentials(bluesky)).toEqual({
      service: 'https://pds.example',
      identifier: 'brand.example',
      appPassword: 'app-password',
    });
    expect(await storedCredentials(mastodon)).toEqual({
      instanceUrl: 'https://mastodon.example',
      accessToken: 'token',
      streaming: false,
    });
    expect(await storedCredentials(x)).toEqual({ accessToken: 'token', userId: '42' });
    expect(await storedCredentials(webhook)).toEqual(untouched);

    // A second start finds nothing to move and changes nothing.
    expect(await moveCredentialTermsToBrands(database.store.db, secretKey, logger)).toBe(0);
    expect(await findBrand(database.store.db, seeded.workspaceId, seeded.brandId)).toEqual(brand);
  });

  it('leaves an account whose credentials another key encrypted alone', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Other key');
    const id = await account(seeded, 'mastodon', { keywords: ['kept'] });
    expect(await moveCredentialTermsToBrands(database.store.db, randomBytes(32), logger)).toBe(0);
    expect(await storedCredentials(id)).toEqual({ keywords: ['kept'] });
  });

  it("reads an X query's terms, dropping operators and negations", () => {
    expect(termsOfXQuery('"northwind air" OR #flynw -refund -is:retweet lang:en')).toEqual({
      keywords: ['northwind air'],
      hashtags: ['#flynw'],
      handles: [],
    });
  });
});
