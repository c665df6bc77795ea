import type { Command } from 'commander';
import { migrateToLatest } from '../store/migrate.ts';
import { listRejectedRecords } from '../store/rejected-records.repository.ts';
import { findWorkspaceByName } from '../store/workspaces.repository.ts';
import { CliError, loadConfig, withStore } from './environment.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `earshot channel rejected`: what channels and imports could not read, newest first, one JSON
 * line each, with the reason and the start of the payload. The next page's flag goes to stderr.
 */
export function registerRejectedCommand(channel: Command): void {
  channel
    .command('rejected')
    .description('List what channels and imports could not read, newest first, with the reason')
    .requiredOption('--workspace <name>', 'the workspace')
    .option('--limit <n>', 'how many (1 to 1000)', '50')
    .option('--after <id>', 'continue after this record (printed at the end of a page)')
    .option('--preview <chars>', 'how much of each payload to show (0 to 100000)', '200')
    .action(
      async (options: { workspace: string; limit: string; after?: string; preview: string }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw new CliError(
            `--limit must be a whole number from 1 to 1000, not "${options.limit}"`,
          );
        const previewLength = Number(options.preview);
        if (!Number.isInteger(previewLength) || previewLength < 0 || previewLength > 100_000)
          throw new CliError(
            `--preview must be a whole number from 0 to 100000, not "${options.preview}"`,
          );
        if (options.after !== undefined && !uuid.test(options.after))
          throw new CliError(`--after must be a record id (a UUID), not "${options.after}"`);
        const config = loadConfig();
        await withStore(config, async (store) => {
          await migrateToLatest(store.db);
          const workspace = await findWorkspaceByName(store.db, options.workspace);
          if (!workspace) throw new CliError(`no workspace named "${options.workspace}"`);
          const page = await listRejectedRecords(store.db, workspace.id, {
            limit,
            after: options.after,
            previewLength,
          });
          for (const record of page.records) {
            const line = {
              id: record.id,
              createdAt: record.createdAt.toISOString(),
              source: record.source,
              line: record.line,
              reason: record.reason,
              channelId: record.channelAccountId,
              preview: record.preview,
              payloadLength: record.payloadLength,
            };
            process.stdout.write(`${JSON.stringify(line)}\n`);
          }
          if (page.next) process.stderr.write(`more: --after ${page.next}\n`);
        });
      },
    );
}
