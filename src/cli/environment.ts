import type { Logger } from 'pino';
import { createLogger } from '../api/logger.ts';
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

/** Opens the configured database, runs `work`, and always closes it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
