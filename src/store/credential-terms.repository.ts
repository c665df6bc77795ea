import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The queries of the one-off step that moves listening terms out of channel credentials onto
 * the brand (src/pipeline/intake/credential-terms.ts): credentials are encrypted with the
 * secret key, so the step itself decrypts and re-encrypts; these only read and write rows.
 */

/** Every account that still has credentials stored, across workspaces. */
export async function listAccountsWithCredentials(db: Kysely<Database>) {
  return db
    .selectFrom('channel_accounts')
    .select(['id', 'network'])
    .where('credentials_encrypted', 'is not', null)
    .orderBy('id')
    .execute();
}

/** One account's credentials and brand, locked until the transaction ends. */
export async function lockAccountCredentials(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('channel_accounts')
    .select(['id', 'brand_id as brandId', 'credentials_encrypted as credentialsEncrypted'])
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function replaceAccountCredentials(
  db: Kysely<Database>,
  accountId: string,
  credentialsEncrypted: string,
): Promise<void> {
  await db
    .updateTable('channel_accounts')
    .set({ credentials_encrypted: credentialsEncrypted })
    .where('id', '=', accountId)
    .execute();
}

/** A brand's keywords and hashtags, locked until the transaction ends. */
export async function lockBrandTerms(db: Kysely<Database>, brandId: string) {
  return db
    .selectFrom('brands')
    .select(['keywords', 'hashtags', 'handles'])
    .where('id', '=', brandId)
    .forUpdate()
    .executeTakeFirst();
}

export async function saveBrandTerms(
  db: Kysely<Database>,
  brandId: string,
  terms: { keywords: string[]; hashtags: string[]; handles: string[] },
): Promise<void> {
  await db.updateTable('brands').set(terms).where('id', '=', brandId).execute();
}
