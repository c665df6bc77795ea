import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';

// The database modules are loaded when a command runs, not when the CLI starts.
const modules = async () => {
  const [environment, lock, socket, connect] = await Promise.all([
    import('./environment.ts'),
    import('../api/data-dir-lock.ts'),
    import('./admin-socket-client.ts'),
    import('../store/connect.ts'),
  ]);
  return { ...environment, ...lock, ...socket, ...connect };
};

const postgresBackup =
  'on PostgreSQL (DATABASE_URL) back up with pg_dump and restore with pg_restore (see docs/operations.md)';

/** `earshot backup FILE` and `earshot restore FILE`: the embedded (PGlite) database. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Copy the embedded database to FILE (consistent, also while `earshot start` runs)')
    .argument('<file>', 'the backup file to write (a gzipped tarball)')
    .action(async (file: string) => {
      const { loadConfig, tryClaimCliDataFolder, busyMessage, DataDirBusyError, requestBackup } =
        await modules();
      const config = loadConfig();
      if (config.databaseUrl)
        throw new CliError(`earshot backup is for the embedded database; ${postgresBackup}`);
      const claimed = tryClaimCliDataFolder(config);
      let dump: Buffer;
      let from: string;
      if (claimed instanceof DataDirBusyError) {
        if (!claimed.heldByServer) throw new CliError(busyMessage(claimed));
        // The server has the folder open: it makes the copy, between two of its queries.
        dump = await requestBackup(config.dataDir).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new CliError(
            `${busyMessage(claimed)} (it did not answer the backup request: ${reason})`,
          );
        });
        from = `the running server (pid ${claimed.holder.pid})`;
      } else {
        try {
          dump = await dumpFolder(path.join(config.dataDir, 'pglite'));
        } finally {
          claimed();
        }
        from = 'the data folder';
      }
      writePrivateFile(file, dump);
      process.stdout.write(`${JSON.stringify({ file, bytes: dump.length, from })}\n`);
      const keyFile = path.join(config.dataDir, 'secret.key');
      if (!config.secretKey && existsSync(keyFile))
        process.stderr.write(
          `Channel credentials in it are encrypted with ${keyFile}: keep a copy of that file too, stored apart from the backup.\n`,
        );
    });

  program
    .command('restore')
    .description('Replace the embedded database with a backup made by `earshot backup`')
    .argument('<file>', 'the backup file')
    .option('--force', 'replace the database the data folder already holds')
    .action(async (file: string, options: { force?: boolean }) => {
      const { loadConfig, claimCliDataFolder } = await modules();
      const config = loadConfig();
      if (config.databaseUrl)
        throw new CliError(`earshot restore is for the embedded database; ${postgresBackup}`);
      let backup: Buffer<ArrayBuffer>;
      try {
        backup = readFileSync(file);
      } catch (error) {
        throw new CliError(
          `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
      }
      const release = claimCliDataFolder(config);
      try {
        const target = path.join(config.dataDir, 'pglite');
        if (!isEmptyFolder(target) && !options.force)
          throw new CliError(
            `${target} already holds a database; restore refuses to replace it without --force (back it up first: earshot backup FILE)`,
          );
        await restoreFolder(file, backup, target);
      } finally {
        release();
      }
      process.stdout.write(`${JSON.stringify({ restored: file, dataDir: config.dataDir })}\n`);
    });
}

async function dumpFolder(pgliteDir: string): Promise<Buffer> {
  const { openStore } = await modules();
  if (!existsSync(path.join(pgliteDir, 'PG_VERSION')))
    throw new CliError(`${pgliteDir} holds no database to back up`);
  const store = await openStore({ dataDir: pgliteDir });
  try {
    return Buffer.from(await (await store.dumpDataDir!('gzip')).arrayBuffer());
  } finally {
    await store.close();
  }
}

/** Loads the backup into a folder beside the target, checks it opens, then swaps it in. */
async function restoreFolder(
  file: string,
  backup: Buffer<ArrayBuffer>,
  target: string,
): Promise<void> {
  const { openStore } = await modules();
  const nonce = randomBytes(4).toString('hex');
  const staging = `${target}.restoring-${nonce}`;
  try {
    const store = await openStore({ dataDir: staging, loadDataDir: new Blob([backup]) });
    await store.close();
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `${file} is not a backup made by earshot backup, or is damaged (${reason}); nothing was changed`,
    );
  }
  const replaced = `${target}.replaced-${nonce}`;
  if (existsSync(target)) renameSync(target, replaced);
  renameSync(staging, target);
  rmSync(replaced, { recursive: true, force: true });
}

function isEmptyFolder(folder: string): boolean {
  return !existsSync(folder) || readdirSync(folder).length === 0;
}

/** Written aside then renamed, so FILE is never half a backup; readable by its owner only. */
function writePrivateFile(file: string, data: Buffer): void {
  const draft = `${file}.partial-${process.pid}`;
  try {
    writeFileSync(draft, data, { mode: 0o600 });
    renameSync(draft, file);
  } catch (error) {
    rmSync(draft, { force: true });
    throw new CliError(
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
