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
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

interface NewChannel {
  brandId: string;
  network: Network;
  name: string;
  credentials: unknown;
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
  const outcome = await connectAccount(context.store.db, services, {
    workspaceId: context.workspaceId,
    ...channel,
  });
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
  const account = await setChannelStatus(
    context.store.db,
    context.workspaceId,
    channelId,
    paused ? 'paused' : 'active',
    context.now,
  );
  if (!account) throw channelNotFound();
  return account;
}

/** Removes an account; removing it twice is no error, but another workspace's is not found. */
export async function removeChannel(context: UseCaseContext, channelId: string): Promise<void> {
  if (!(await removeChannelAccount(context.store.db, context.workspaceId, channelId, context.now)))
    throw channelNotFound();
}
