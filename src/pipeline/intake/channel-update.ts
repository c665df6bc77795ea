import type { Kysely } from 'kysely';
import type { ListeningCheck } from '../../channels/channel.ts';
import type { Network } from '../../domain/network.ts';
import { decryptCredentials, encryptCredentials } from '../../security/secrets.ts';
import { updateChannelAccount } from '../../store/channel-account-update.repository.ts';
import type { ChannelAccountChanges } from '../../store/channel-account-update.repository.ts';
import type { ChannelAccountView } from '../../store/channel-accounts.repository.ts';
import type { Database } from '../../store/schema.ts';
import { inTransaction } from '../../store/transaction.ts';
import { checkCredentials, describeError } from './channel-credentials.ts';
import { credentialsContext } from './channel-registry.ts';
import type { AfterChannelSave, ChannelServices } from './channel-registry.ts';

export type UpdateOutcome =
  | { ok: true; account: ChannelAccountView }
  | {
      ok: false;
      code: 'channel_not_found' | 'invalid_credentials' | 'egress_refused';
      message: string;
    };

/**
 * Edits an account in place: a new name, and/or new credentials checked with the network as on
 * connect (and re-encrypted). New credentials must be for the same network account: replies to
 * what it heard go out with them. The running source restarts with them; nothing changes when
 * they are refused.
 */
export async function updateChannel(
  db: Kysely<Database>,
  services: ChannelServices,
  account: {
    id: string;
    workspaceId: string;
    network: string;
    handle: string | null;
    /** Null for accounts connected before the network's id was kept. */
    externalId: string | null;
  },
  input: { name?: string | undefined; credentials?: unknown },
  now: Date,
  /** Runs in the transaction that saves the change (the audit log's entry). */
  afterSave?: AfterChannelSave,
): Promise<UpdateOutcome> {
  const changes: ChannelAccountChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.credentials !== undefined) {
    const checked = await checkCredentials(services, account.network as Network, input.credentials);
    if (!checked.ok) return checked;
    if (account.externalId !== null && checked.accountId !== account.externalId)
      return {
        ok: false,
        code: 'invalid_credentials',
        message: `these credentials are for another ${account.network} account (${checked.handle}), not ${account.handle ?? 'this one'}; connect it as a new account`,
      };
    changes.credentials = {
      encrypted: encryptCredentials(
        services.secretKey,
        checked.credentials,
        credentialsContext(account.id),
      ),
      handle: checked.handle,
      externalId: checked.accountId,
    };
  }
  const updated = await inTransaction(db, async (tx) => {
    const saved = await updateChannelAccount(tx, account.workspaceId, account.id, changes, now);
    if (saved) await afterSave?.(tx, saved);
    return saved;
  });
  if (!updated) return { ok: false, code: 'channel_not_found', message: 'no such channel account' };
  return { ok: true, account: updated };
}

/** How long `channel test` waits for a listening connection to hear from the network. */
const listeningTimeoutMs = 5_000;

/**
 * Opens the account's listening connection briefly (`Channel.testListening`) and says whether it
 * heard from the network. Null when the network cannot be tested so (no source, or its channel
 * has no `testListening`): only its credentials are checked then.
 */
export async function checkListening(
  services: ChannelServices,
  account: { id: string; network: string; simulated: boolean; credentialsEncrypted: string | null },
  timeoutMs = listeningTimeoutMs,
): Promise<ListeningCheck | null> {
  const channel = services.registry.get(account.network as Network)?.channel;
  if (account.simulated || !channel?.testListening || !account.credentialsEncrypted) return null;
  try {
    const credentials = decryptCredentials(
      services.secretKey,
      account.credentialsEncrypted,
      credentialsContext(account.id),
    );
    return await channel.testListening(credentials, AbortSignal.timeout(timeoutMs));
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}
