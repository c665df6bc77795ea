import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Network } from '../domain/network.ts';
import { connectableNetworks, credentialFields } from '../domain/networks.ts';
import type { ChannelServices } from '../pipeline/intake/channel-registry.ts';
import { loadSecretKey } from '../security/secrets.ts';
import { createEgress } from '../security/egress.ts';
import { listBrands } from '../store/brands.repository.ts';
import {
  findChannelAccount,
  listChannelAccounts,
  removeChannelAccount,
  setChannelStatus,
} from '../store/channel-accounts.repository.ts';
import type { ChannelAccountView } from '../store/channel-accounts.repository.ts';
import { migrateToLatest } from '../store/migrate.ts';
import type { Database } from '../store/schema.ts';
import { findWorkspaceByName } from '../store/workspaces.repository.ts';
import { registerRejectedCommand } from './channel-command-rejected.ts';
import { CliError, loadConfig, withStore } from './environment.ts';

// The networks' client libraries are loaded on use, so `earshot --help` stays quick.
const loadRegistry = () => import('../pipeline/intake/channel-registry.ts');
const loadUpdate = () => import('../pipeline/intake/channel-update.ts');

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a credentials file: a JSON object. The message names the file, never its content. */
export function readCredentialsFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read --credentials ${path}: ${code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--credentials ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CliError(`--credentials ${path} must hold a JSON object of the network's fields`);
  return parsed as Record<string, unknown>;
}

/** A channel account as the CLI prints it: health included, credentials never. */
function describeChannel(account: ChannelAccountView, now: Date) {
  return {
    id: account.id,
    network: account.network,
    name: account.name,
    handle: account.handle,
    status: account.status,
    lastEventAt: account.lastEventAt?.toISOString() ?? null,
    lagSeconds: account.lastEventAt
      ? Math.round((now.getTime() - account.lastEventAt.getTime()) / 1000)
      : null,
    lastError: account.lastError,
    lastErrorAt: account.lastErrorAt?.toISOString() ?? null,
    lastHeardAt: account.lastHeardAt?.toISOString() ?? null,
  };
}

async function findWorkspaceId(db: Kysely<Database>, name: string): Promise<string> {
  const workspace = await findWorkspaceByName(db, name);
  if (!workspace) throw new CliError(`no workspace named "${name}"`);
  return workspace.id;
}

async function findBrandId(
  db: Kysely<Database>,
  workspaceId: string,
  brand: string,
): Promise<string> {
  const found = (await listBrands(db, workspaceId)).find(
    (candidate) => candidate.id === brand || candidate.name === brand,
  );
  if (!found) throw new CliError(`no brand "${brand}" in this workspace`);
  return found.id;
}

/** The account named by id in a workspace, or a clear error. */
async function requireChannel(db: Kysely<Database>, workspaceId: string, id: string) {
  if (!uuid.test(id)) throw new CliError(`"${id}" is not a channel account id (a UUID)`);
  const account = await findChannelAccount(db, workspaceId, id);
  if (!account || account.removed_at)
    throw new CliError(`no channel account ${id} in this workspace`);
  return account;
}

/** Runs `work` with an open, migrated store and the channel services of this installation. */
async function withChannels(
  work: (db: Kysely<Database>, services: ChannelServices) => Promise<unknown>,
): Promise<void> {
  const config = loadConfig();
  const registry = (await loadRegistry()).createChannelRegistry({
    egress: createEgress({ allowPrivate: config.allowPrivateEgress }),
  });
  await withStore(config, async (store) => {
    // Read inside withStore: the key file lives in the data folder, which is ours only from here.
    const services: ChannelServices = {
      registry,
      secretKey: loadSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir }),
    };
    await migrateToLatest(store.db);
    const printed = await work(store.db, services);
    const lines = Array.isArray(printed) ? printed : [printed];
    for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  });
}

/**
 * Every network's credential fields for `--help`: what each is for, self-hosted servers included
 * (a Bluesky PDS, relay and PLC directory; a Mastodon instance).
 */
function credentialsHelp(): string {
  const lines = ['', 'Credentials (a JSON object; optional fields have defaults):'];
  for (const network of connectableNetworks) {
    lines.push(`  ${network}:`);
    for (const field of credentialFields(network)) {
      const optional = 'optional' in field && field.optional ? ' (optional)' : '';
      lines.push(`    ${field.name}${optional}: ${field.help}`);
    }
  }
  lines.push(
    '',
    'Self-hosted: a Bluesky account on your own PDS sets "service" to it, and "firehoseUrl" and',
    '"plcUrl" to your relay (or PDS) and PLC directory; a Mastodon account names its instance in',
    '"instanceUrl". Addresses inside your network need EARSHOT_ALLOW_PRIVATE_EGRESS=true.',
  );
  return lines.join('\n');
}

export function registerChannelCommand(program: Command): void {
  const channel = program
    .command('channel')
    .description('Manage connected channel accounts (credentials are stored encrypted)')
    .addHelpText(
      'after',
      "\nEvery network's credential fields, self-hosted servers included (Bluesky PDS, relay and\nPLC directory; a Mastodon instance): earshot channel connect --help",
    );
  const workspaceOption = ['--workspace <name>', 'the workspace the account belongs to'] as const;

  channel
    .command('list')
    .description('List accounts with their health: status, last event, lag, last error')
    .requiredOption(...workspaceOption)
    .action((options: { workspace: string }) =>
      withChannels(async (db) => {
        const accounts = await listChannelAccounts(
          db,
          await findWorkspaceId(db, options.workspace),
        );
        const now = new Date();
        return accounts.map((account) => describeChannel(account, now));
      }),
    );

  channel
    .command('connect')
    .description('Connect an account; the network checks the credentials before they are stored')
    .requiredOption(...workspaceOption)
    .requiredOption('--brand <name>', 'the brand it hears (name or id)')
    .requiredOption('--network <network>', `one of ${connectableNetworks.join(', ')}`)
    .requiredOption('--name <name>', 'a name for the account, shown in the inbox')
    .requiredOption('--credentials <file>', "a JSON file with the network's credentials")
    .addHelpText('after', credentialsHelp)
    .action(
      (options: {
        workspace: string;
        brand: string;
        network: string;
        name: string;
        credentials: string;
      }) => {
        if (!(connectableNetworks as readonly string[]).includes(options.network))
          throw new CliError(
            `--network must be one of ${connectableNetworks.join(', ')}, not "${options.network}"`,
          );
        const name = options.name.trim();
        if (!name || name.length > 200) throw new CliError('--name must be 1 to 200 characters');
        const credentials = readCredentialsFile(options.credentials);
        return withChannels(async (db, services) => {
          const workspaceId = await findWorkspaceId(db, options.workspace);
          const { connectChannel } = await loadRegistry();
          const outcome = await connectChannel(db, services, {
            workspaceId,
            brandId: await findBrandId(db, workspaceId, options.brand),
            network: options.network as Network,
            name,
            credentials,
          });
          if (!outcome.ok) throw new CliError(outcome.message);
          return describeChannel(outcome.account, new Date());
        });
      },
    );

  channel
    .command('test')
    .description(
      "Check an account's stored credentials with its network, then open its listening connection for a few seconds (Mastodon, X) and say whether it heard the network",
    )
    .argument('<id>', 'the account id (see "earshot channel list")')
    .requiredOption(...workspaceOption)
    .action((id: string, options: { workspace: string }) =>
      withChannels(async (db, services) => {
        const account = await requireChannel(db, await findWorkspaceId(db, options.workspace), id);
        const now = new Date();
        const outcome = await (await loadRegistry()).checkChannel(db, services, account, now);
        // The listening connection too, opened for a few seconds (for networks that can say).
        const listening = outcome.ok
          ? await (await loadUpdate()).checkListening(services, account)
          : null;
        const ok = outcome.ok && listening?.ok !== false;
        if (!ok) process.exitCode = 1;
        return {
          ok,
          error: outcome.error,
          listening,
          channel: describeChannel(outcome.account, now),
        };
      }),
    );

  channel
    .command('update')
    .description(
      'Edit an account in place: a new name and/or new credentials (checked with the network as on connect, for the same account; the running source restarts with them). Refused credentials change nothing',
    )
    .argument('<id>', 'the account id')
    .requiredOption(...workspaceOption)
    .option('--name <name>', 'a new name for the account')
    .option(
      '--credentials <file>',
      'a JSON file with all of the new credentials (they replace the stored ones)',
    )
    .addHelpText('after', credentialsHelp)
    .action((id: string, options: { workspace: string; name?: string; credentials?: string }) => {
      const name = options.name?.trim();
      if (name !== undefined && (!name || name.length > 200))
        throw new CliError('--name must be 1 to 200 characters');
      if (name === undefined && options.credentials === undefined)
        throw new CliError('give --name, --credentials, or both');
      const credentials =
        options.credentials === undefined ? undefined : readCredentialsFile(options.credentials);
      return withChannels(async (db, services) => {
        const workspaceId = await findWorkspaceId(db, options.workspace);
        const account = await requireChannel(db, workspaceId, id);
        const now = new Date();
        const outcome = await (
          await loadUpdate()
        ).updateChannel(db, services, { ...account, workspaceId }, { name, credentials }, now);
        if (!outcome.ok) throw new CliError(outcome.message);
        return describeChannel(outcome.account, now);
      });
    });

  for (const [action, status, description] of [
    ['pause', 'paused', 'Stop listening to an account'],
    ['resume', 'active', 'Listen to a paused account again (or retry one in error)'],
  ] as const) {
    channel
      .command(action)
      .description(description)
      .argument('<id>', 'the account id')
      .requiredOption(...workspaceOption)
      .action((id: string, options: { workspace: string }) =>
        withChannels(async (db) => {
          const workspaceId = await findWorkspaceId(db, options.workspace);
          await requireChannel(db, workspaceId, id);
          const now = new Date();
          const account = await setChannelStatus(db, workspaceId, id, status, now);
          return describeChannel(account!, now);
        }),
      );
  }

  channel
    .command('remove')
    .description('Remove an account and wipe its credentials; the mentions it heard stay')
    .argument('<id>', 'the account id')
    .requiredOption(...workspaceOption)
    .action((id: string, options: { workspace: string }) =>
      withChannels(async (db) => {
        const workspaceId = await findWorkspaceId(db, options.workspace);
        await requireChannel(db, workspaceId, id);
        await removeChannelAccount(db, workspaceId, id, new Date());
        return { removed: id };
      }),
    );

  registerRejectedCommand(channel);
}
