import type { Kysely } from 'kysely';
import { connectChannel } from '../../src/pipeline/intake/channel-registry.ts';
import type { ChannelServices } from '../../src/pipeline/intake/channel-registry.ts';
import type { Database } from '../../src/store/schema.ts';
import type { LocalBlueskyAccount, LocalBlueskyNetwork } from './bluesky-network.ts';

/**
 * Connects a local network's account to a workspace's brand with a fresh app password, as
 * Settings would, and sets its cursor to the firehose's start, so nothing posted afterwards can
 * slip past the first socket. Returns the channel account's id.
 */
export async function connectFromFirehoseStart(
  db: Kysely<Database>,
  services: ChannelServices,
  network: LocalBlueskyNetwork,
  target: { workspaceId: string; brandId: string; name: string },
  account: LocalBlueskyAccount,
): Promise<string> {
  const appPassword = await account.agent.com.atproto.server.createAppPassword({
    name: `${target.name}-${Date.now()}`,
  });
  const connected = await connectChannel(db, services, {
    workspaceId: target.workspaceId,
    brandId: target.brandId,
    network: 'bluesky',
    name: target.name,
    credentials: {
      service: network.pdsUrl,
      identifier: account.handle,
      appPassword: appPassword.data.password,
      firehoseUrl: network.firehoseUrl,
      plcUrl: network.plcUrl,
    },
  });
  if (!connected.ok) throw new Error(connected.message);
  await db
    .updateTable('channel_accounts')
    .set({ cursor: '0' })
    .where('id', '=', connected.account.id)
    .execute();
  return connected.account.id;
}
