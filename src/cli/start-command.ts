import type { Command } from 'commander';
import { CliError } from './cli-error.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'Start Earshot: API, web app and workers (PGlite in EARSHOT_DATA_DIR, or DATABASE_URL)',
    )
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--no-outbox', 'do not send replies from this process')
    .addHelpText(
      'after',
      '\nEnvironment: PORT, HOST, EARSHOT_DATA_DIR, DATABASE_URL, EARSHOT_ADMIN_EMAIL, EARSHOT_ADMIN_PASSWORD,\nEARSHOT_SECRET_KEY, EARSHOT_PUBLIC_URL, EARSHOT_DEMO, LOG_LEVEL (see README.md).',
    )
    .action(async (options: { port?: string; outbox: boolean }) => {
      // Loaded on use, so `earshot --help` and the other commands start quickly.
      const { startEarshot } = await import('../api/server.ts');
      const { DataDirBusyError } = await import('../api/data-dir-lock.ts');
      const { cliLogger, loadConfig } = await import('./environment.ts');
      const base = loadConfig();
      const port = options.port === undefined ? base.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be a port number, not "${options.port}"`);
      const config = { ...base, port };
      const running = await startEarshot({
        config,
        logger: cliLogger(config),
        outbox: options.outbox,
      }).catch((error: unknown) => {
        if (!(error instanceof DataDirBusyError)) throw error;
        throw new CliError(
          `${error.message}; stop it, or use another EARSHOT_DATA_DIR, or run several processes on PostgreSQL (DATABASE_URL). If no Earshot runs as pid ${error.holder.pid}, delete ${error.lockFile}.`,
        );
      });
      const lines = [
        ``,
        `  Earshot is running at ${running.url.replace('127.0.0.1', 'localhost')}`,
      ];
      if (running.firstOwner) {
        lines.push(`  First login: ${running.firstOwner.email}`);
        if (running.firstOwner.generatedPassword) {
          lines.push(
            `  Password:    ${running.firstOwner.generatedPassword}   (shown once; change it after logging in)`,
          );
        }
        lines.push(`  Workspace:   ${running.firstOwner.workspaceName}`);
      }
      lines.push(
        `  Data:        ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.dataDir}`,
        ``,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`\n  ${signal}: stopping Earshot…\n`);
        await running.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
