import type { Logger } from 'pino';
import { createLogger } from '../api/logger.ts';
import { DataDirBusyError } from '../api/data-dir-lock.ts';
import { claimDataFolder } from '../api/data-folder.ts';
import { ConfigError, readConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { openStore } from '../store/connect.ts';
import type { Store } from '../store/connect.ts';
import path from 'node:path';

import { CliError } from './cli-error.ts';

// Commands written before cli-error.ts import CliError from here.
export { CliError };

export function loadConfig(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

export function cliLogger(config: Config): Logger {
  return createLogger(config.logLevel);
}

/** The sub-command's words ("user create"), never its options or their values. */
export function commandName(argv = process.argv): string {
  const words: string[] = [];
  for (const word of argv.slice(2)) {
    if (!/^[a-z][a-z-]*$/.test(word) || words.length === 2) break;
    words.push(word);
  }
  return ['earshot', ...words].join(' ');
}

/** What to tell someone whose command found the data folder in use. */
export function busyMessage(error: DataDirBusyError): string {
  const { pid } = error.holder;
  const advice = error.heldByServer
    ? `Stop that server (Ctrl-C where it runs, or kill ${pid}) and run this again, or make the change in the web app or the API while it runs; to run commands beside a running server, use PostgreSQL (DATABASE_URL).`
    : `Wait for it to finish (or stop it: kill ${pid}) and run this again.`;
  return `${error.message}. PGlite lets one process at a time open its data folder, so this command changed nothing. ${advice} If no Earshot runs as pid ${pid}, delete ${error.lockFile}.`;
}

/**
 * Takes the embedded data folder for this command, or returns who holds it. The lock goes on exit,
 * error, Ctrl-C or SIGTERM. PostgreSQL (DATABASE_URL) has no folder to take.
 */
export function tryClaimCliDataFolder(config: Config): (() => void) | DataDirBusyError {
  if (config.databaseUrl) return () => {};
  // Exiting runs the lock's exit handler; without these a signal would end the process without
  // it. Installed before the lock is taken, so no signal can land in between.
  const onSignal = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopListening = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  let release: () => void;
  try {
    release = claimDataFolder(config.dataDir, commandName());
  } catch (error) {
    stopListening();
    if (error instanceof DataDirBusyError) return error;
    throw error;
  }
  return () => {
    stopListening();
    release();
  };
}

/** Takes the embedded data folder for this command, or stops with a clear message. */
export function claimCliDataFolder(config: Config): () => void {
  const claimed = tryClaimCliDataFolder(config);
  if (claimed instanceof DataDirBusyError) throw new CliError(busyMessage(claimed));
  return claimed;
}

/** Opens the configured database, runs `work`, and always closes it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const release = claimCliDataFolder(config);
  try {
    const store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
    });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}
