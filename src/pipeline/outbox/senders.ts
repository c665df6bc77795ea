import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { findChannelAccountOfMention } from '../../store/simulated-channel-accounts.repository.ts';
import type { ReplySender, SenderResolver } from './outbox.ts';

/** The demo's network: accepts every reply at once, so the demo shows the whole flow offline. */
const simulatedSender: ReplySender = async (reply) => ({
  externalId: `simulated:${reply.id}`,
});

/**
 * How a reply leaves: through the channel account that heard the mention it answers. Real
 * networks are wired here as their channels are connected; until then the reply fails with a
 * reason the agent can act on, never silently.
 */
export function createSenderResolver(
  networkSenders: Partial<Record<string, ReplySender>> = {},
): SenderResolver {
  return async (db: Kysely<Database>, reply) => {
    const account = reply.in_reply_to_mention_id
      ? await findChannelAccountOfMention(db, reply.in_reply_to_mention_id)
      : undefined;
    if (account?.simulated) return simulatedSender;
    const sender = networkSenders[reply.network];
    if (sender) return sender;
    return {
      error: `no ${reply.network} account is connected for this brand; connect one in Settings → Channels`,
    };
  };
}
