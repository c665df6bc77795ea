import type { Command } from 'commander';
import { CliError } from './cli-error.ts';

// The database modules are loaded when a command runs, not when the CLI starts.
const modules = async () => {
  const [environment, migrate, users, reset, deactivate, settings, twoFactor] = await Promise.all([
    import('./environment.ts'),
    import('../store/migrate.ts'),
    import('../store/users.repository.ts'),
    import('../app/auth/password-reset.ts'),
    import('../app/users/deactivate-user.ts'),
    import('../api/auth/account-settings.ts'),
    import('../app/two-factor/turn-off-two-factor.ts'),
  ]);
  return {
    ...environment,
    ...migrate,
    ...users,
    ...reset,
    ...deactivate,
    ...settings,
    ...twoFactor,
  };
};

/** `earshot user reset-password`, `reset-2fa` and `deactivate` (issue 17). */
export function registerUserAccessCommands(user: Command): void {
  user
    .command('reset-password')
    .description(
      'Print a one-time password reset link (valid 1 hour) for hosts without email; pass it to the person',
    )
    .requiredOption('--email <email>', 'their email')
    .action(async (options: { email: string }) => {
      const {
        withStore,
        loadConfig,
        migrateToLatest,
        issuePasswordReset,
        accountLink,
        defaultAccountSettings,
        passwordResetLifetimeMs,
      } = await modules();
      const config = loadConfig();
      await withStore(config, async (store) => {
        await migrateToLatest(store.db);
        const issued = await issuePasswordReset(
          store.db,
          options.email,
          new Date(),
          passwordResetLifetimeMs,
        );
        if (!issued) throw new CliError(`no active user with email ${options.email}`);
        const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
        const link = accountLink(
          { ...defaultAccountSettings, publicUrl },
          'reset-password',
          issued.token,
        );
        process.stdout.write(
          `${JSON.stringify({ email: issued.email, link, expiresAt: issued.expiresAt.toISOString() })}\n`,
        );
      });
    });
  user
    .command('reset-2fa')
    .description(
      'Turn off two-factor sign-in for a user who lost their phone and recovery codes: they sign in with their password alone and may enrol again',
    )
    .requiredOption('--email <email>', 'their email')
    .action(async (options: { email: string }) => {
      const { withStore, loadConfig, migrateToLatest, findUserByEmail, resetTwoFactor } =
        await modules();
      await withStore(loadConfig(), async (store) => {
        await migrateToLatest(store.db);
        const found = await findUserByEmail(store.db, options.email);
        if (!found) throw new CliError(`no user with email ${options.email}`);
        const hadTwoFactor = await resetTwoFactor(store.db, found.id);
        process.stdout.write(`${JSON.stringify({ email: found.email, hadTwoFactor })}\n`);
      });
    });
  user
    .command('deactivate')
    .description(
      'Deactivate a user across the instance: sign-in refused, sessions, tokens and event streams end, their open conversations go back to their team queue',
    )
    .requiredOption('--email <email>', 'their email')
    .option('--reassign-to <email>', 'a teammate who takes over their open conversations')
    .action(async (options: { email: string; reassignTo?: string }) => {
      const { withStore, loadConfig, migrateToLatest, findUserByEmail, deactivateUser } =
        await modules();
      await withStore(loadConfig(), async (store) => {
        await migrateToLatest(store.db);
        const leaver = await findUserByEmail(store.db, options.email);
        if (!leaver) throw new CliError(`no user with email ${options.email}`);
        const teammate = options.reassignTo
          ? await findUserByEmail(store.db, options.reassignTo)
          : undefined;
        if (options.reassignTo && !teammate)
          throw new CliError(`--reassign-to: no user with email ${options.reassignTo}`);
        const { released } = await deactivateUser(
          store,
          { userId: leaver.id, teammateId: teammate?.id },
          { type: 'system' },
          new Date(),
        ).catch((error: unknown) => {
          if (error instanceof Error && 'code' in error && error.code === 'last_owner')
            throw new CliError(
              `${options.email} is the last owner of a workspace: ${error.message}`,
            );
          throw error;
        });
        process.stdout.write(
          `${JSON.stringify({ email: leaver.email, deactivated: true, conversationsReleased: released })}\n`,
        );
      });
    });
}
