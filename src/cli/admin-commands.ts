import type { Command } from 'commander';
import { roles } from '../domain/roles.ts';
import { passwordProblem } from '../security/password-policy.ts';
import type { Role } from '../domain/roles.ts';
import { CliError } from './cli-error.ts';
import { registerUserAccessCommands } from './user-access-commands.ts';

// The database modules are loaded when a command runs, not when the CLI starts.
const database = async () => {
  const [environment, migrate, users, workspaces, passwords] = await Promise.all([
    import('./environment.ts'),
    import('../store/migrate.ts'),
    import('../store/users.repository.ts'),
    import('../store/workspaces.repository.ts'),
    import('../security/passwords.ts'),
  ]);
  return { ...environment, ...migrate, ...users, ...workspaces, ...passwords };
};

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (safe to run while other processes run)')
    .action(async () => {
      const { withStore, loadConfig, migrateToLatest } = await database();
      await withStore(loadConfig(), async (store) => {
        const result = await migrateToLatest(store.db);
        const applied = (result.results ?? [])
          .filter((r) => r.status === 'Success')
          .map((r) => r.migrationName);
        process.stdout.write(
          applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n',
        );
      });
    });
}

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value))
    throw new CliError(`--role must be one of ${roles.join(', ')}, not "${value}"`);
  return value as Role;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage users');
  registerUserAccessCommands(user);
  user
    .command('create')
    .description('Create a user, optionally adding them to a workspace')
    .requiredOption('--email <email>', 'their email (their login)')
    .option('--name <name>', 'their display name')
    .option('--password <password>', 'their password, at least 12 characters')
    .option('--workspace <name>', 'add them to this workspace')
    .option('--role <role>', `their role there: ${roles.join(', ')}`, 'agent')
    .action(
      async (options: {
        email: string;
        name?: string;
        password?: string;
        workspace?: string;
        role: string;
      }) => {
        const role = parseRole(options.role);
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email))
          throw new CliError(`--email "${options.email}" is not an email address`);
        const problem = passwordProblem(options.password ?? '');
        if (problem) throw new CliError(`--password: ${problem}`);
        const {
          withStore,
          loadConfig,
          migrateToLatest,
          hashPassword,
          findUserByEmail,
          findWorkspaceByName,
          createUser,
          upsertMembership,
        } = await database();
        const passwordHash = await hashPassword(options.password ?? '');
        await withStore(loadConfig(), async (store) => {
          await migrateToLatest(store.db);
          if (await findUserByEmail(store.db, options.email))
            throw new CliError(`a user with email ${options.email} already exists`);
          const workspace = options.workspace
            ? await findWorkspaceByName(store.db, options.workspace)
            : undefined;
          if (options.workspace && !workspace)
            throw new CliError(`no workspace named "${options.workspace}"`);
          const created = await createUser(store.db, {
            email: options.email,
            name: options.name ?? options.email.split('@')[0]!,
            passwordHash,
          });
          if (workspace)
            await upsertMembership(store.db, {
              workspaceId: workspace.id,
              userId: created.id,
              role,
            });
          process.stdout.write(
            `${JSON.stringify({ id: created.id, email: created.email, workspace: workspace?.name ?? null, role: workspace ? role : null })}\n`,
          );
        });
      },
    );
}

export function registerWorkspaceCommands(program: Command): void {
  const workspace = program
    .command('workspace')
    .description('Manage workspaces (an agency keeps one per client)');
  workspace
    .command('create')
    .description('Create a workspace with an existing user as its owner')
    .requiredOption('--name <name>', 'the workspace name')
    .requiredOption('--owner <email>', 'email of the user who will own it')
    .action(async (options: { name: string; owner: string }) => {
      const name = options.name.trim();
      if (!name || name.length > 200) throw new CliError('--name must be 1 to 200 characters');
      const {
        withStore,
        loadConfig,
        migrateToLatest,
        findUserByEmail,
        findWorkspaceByName,
        createWorkspace,
        upsertMembership,
      } = await database();
      await withStore(loadConfig(), async (store) => {
        await migrateToLatest(store.db);
        const owner = await findUserByEmail(store.db, options.owner);
        if (!owner)
          throw new CliError(
            `no user with email ${options.owner}; create one with "earshot user create"`,
          );
        if (await findWorkspaceByName(store.db, name))
          throw new CliError(`a workspace named "${name}" already exists`);
        const created = await store.db.transaction().execute(async (tx) => {
          const ws = await createWorkspace(tx, name);
          await upsertMembership(tx, { workspaceId: ws.id, userId: owner.id, role: 'owner' });
          return ws;
        });
        process.stdout.write(
          `${JSON.stringify({ id: created.id, name: created.name, owner: owner.email })}\n`,
        );
      });
    });
}
