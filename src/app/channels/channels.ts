import {
  checkChannel,
  connectChannel as connectAccount,
} from '../../pipeline/intake/channel-registry.ts';
import type { ChannelServices } from '../../pipeline/intake/channel-registry.ts';
import {
  checkListening,
  updateChannel as updateAccount,
} from '../../pipeline/intake/channel-update.ts';
import type { Network } from '../../domain/network.ts';
import {
  findChannelAccount,
  removeChannelAccount,
  setChannelStatus,
} from '../../store/channel-accounts.repository.ts';
import type { ChannelAccountView } from '../../store/channel-accounts.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

interface NewChannel {
  brandId: string;
  network: Network;
  name: string;
  credentials: unknown;
}

/** What the audit log keeps of an account: never its credentials. */
function channelSnapshot(
  account: Pick<ChannelAccountView, 'name' | 'network' | 'handle' | 'brandId'>,
) {
  return {
    name: account.name,
    network: account.network,
    handle: account.handle,
    brandId: account.brandId,
  };
}

const channelNotFound = () => new AppError('channel_not_found', 'no such channel account');

/**
 * Connects an account of a network to a brand: the network checks the credentials, which are
 * then stored encrypted and never come out. Refused credentials, an unknown brand or an internal
 * URL in the credentials are coded refusals.
 */
export async function connectChannel(
  context: UseCaseContext,
  services: ChannelServices,
  channel: NewChannel,
) {
  const outcome = await connectAccount(
    context.store.db,
    services,
    { workspaceId: context.workspaceId, ...channel },
    (tx, account) =>
      recordChange(tx, context, {
        kind: 'channel.connected',
        target: { type: 'channel', id: account.id },
        after: { ...channelSnapshot(account), credentials: channel.credentials },
      }),
  );
  if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
  return outcome.account;
}

/** Asks the network whether the account's credentials still work, and records the answer. */
export async function testChannel(
  context: UseCaseContext,
  services: ChannelServices,
  channelId: string,
) {
  const account = await findChannelAccount(context.store.db, context.workspaceId, channelId);
  if (!account || account.removed_at) throw channelNotFound();
  const checked = await checkChannel(context.store.db, services, account, context.now);
  // The listening connection too (`channel test` once said ok while the firehose was away).
  const listening = checked.ok ? await checkListening(services, account) : null;
  return { ...checked, ok: checked.ok && listening?.ok !== false, listening };
}

/**
 * Edits an account in place (its name; its credentials, checked with the network as on connect
 * and for the same network account). Refused credentials change nothing.
 */
export async function updateChannel(
  context: UseCaseContext,
  services: ChannelServices,
  channelId: string,
  input: { name?: string | undefined; credentials?: unknown },
) {
  const account = await findChannelAccount(context.store.db, context.workspaceId, channelId);
  if (!account || account.removed_at) throw channelNotFound();
  const outcome = await updateAccount(
    context.store.db,
    services,
    { ...account, workspaceId: context.workspaceId },
    input,
    context.now,
    (tx, updated) =>
      recordChange(tx, context, {
        kind: 'channel.updated',
        target: { type: 'channel', id: account.id },
        before: channelSnapshot(account),
        // Which credential fields were replaced, never their values (withoutSecrets).
        after: {
          ...channelSnapshot(updated),
          ...(input.credentials !== undefined && { credentials: input.credentials }),
        },
      }),
  );
  if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
  return outcome.account;
}

/** Pauses (no new mentions are taken in) or resumes an account. */
export async function setChannelPaused(
  context: UseCaseContext,
  channelId: string,
  paused: boolean,
) {
  return context.store.db.transaction().execute(async (tx) => {
    const account = await setChannelStatus(
      tx,
      context.workspaceId,
      channelId,
      paused ? 'paused' : 'active',
      context.now,
    );
    if (!account) throw channelNotFound();
    await recordChange(tx, context, {
      kind: paused ? 'channel.paused' : 'channel.resumed',
      target: { type: 'channel', id: channelId },
      after: { status: paused ? 'paused' : 'active' },
    });
    return account;
  });
}

/** Removes an account; removing it twice is no error, but another workspace's is not found. */
export async function removeChannel(context: UseCaseContext, channelId: string): Promise<void> {
  await context.store.db.transaction().execute(async (tx) => {
    const account = await findChannelAccount(tx, context.workspaceId, channelId);
    if (!(await removeChannelAccount(tx, context.workspaceId, channelId, context.now)))
      throw channelNotFound();
    if (account && !account.removed_at)
      await recordChange(tx, context, {
        kind: 'channel.removed',
        target: { type: 'channel', id: channelId },
        before: channelSnapshot(account),
      });
  });
}
