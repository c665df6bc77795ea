import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

// Simulated accounts: the demo's, whose replies are "sent" inside Earshot. The outbox asks which
// account heard a mention to know whether its reply goes to a network or to the simulation.

/** The channel account that heard this mention, or undefined when none did (an import). */
export async function findChannelAccountOfMention(db: Kysely<Database>, mentionId: string) {
  return db
    .selectFrom('mentions')
    .innerJoin('channel_accounts', 'channel_accounts.id', 'mentions.channel_account_id')
    .select(['channel_accounts.simulated', 'channel_accounts.status', 'channel_accounts.name'])
    .where('mentions.id', '=', mentionId)
    .executeTakeFirst();
}

/**
 * A simulated account for the demo workspace's brand on one network. No credentials, and no
 * runner to wake: nothing listens to a simulated network.
 */
export async function insertSimulatedChannelAccount(
  db: Kysely<Database>,
  account: { id: string; workspaceId: string; brandId: string; network: string; name: string },
): Promise<void> {
  await db
    .insertInto('channel_accounts')
    .values({
      id: account.id,
      workspace_id: account.workspaceId,
      brand_id: account.brandId,
      network: account.network,
      name: account.name,
      simulated: true,
    })
    .execute();
}
