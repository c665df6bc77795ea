import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../store/schema.ts';
import { CliError } from './cli-error.ts';

// The database modules load when a command runs, not when the CLI starts.
const modules = async () => {
  const [environment, migrate, brands, useCases, workspaces, schemas] = await Promise.all([
    import('./environment.ts'),
    import('../store/migrate.ts'),
    import('../store/brands.repository.ts'),
    import('../app/brands/brands.ts'),
    import('../store/workspaces.repository.ts'),
    import('../api/schemas/workspace.schema.ts'),
  ]);
  return { ...environment, ...migrate, ...brands, ...useCases, ...workspaces, ...schemas };
};

/** The listening terms as options: each a comma-separated list ("" empties it on update). */
const termOptions = [
  ['handles', 'account names, e.g. @acme,acme.bsky.social'],
  ['keywords', 'words and phrases, e.g. "acme,acme cloud"'],
  ['hashtags', 'hashtags, e.g. #acme,acmecloud'],
  ['exclusions', 'negative keywords: a post naming one is not heard by its text'],
  ['languages', 'two-letter language codes to hear text in, e.g. en,fr (none: every language)'],
] as const;
type TermName = (typeof termOptions)[number][0];
type TermValues = Partial<Record<TermName, string>>;

interface BrandOptions extends TermValues {
  workspace?: string;
  name?: string;
  competitor?: boolean;
}

const splitList = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

function termsGiven(options: TermValues): Partial<Record<TermName, string[]>> {
  return Object.fromEntries(
    termOptions
      .filter(([term]) => options[term] !== undefined)
      .map(([term]) => [term, splitList(options[term]!)]),
  );
}

/** A body the API would refuse is refused here the same way, naming the option. */
function validated<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const [field, index] = issue.path;
    const option = field === 'isCompetitor' ? '--competitor' : `--${String(field ?? 'name')}`;
    return `${option}${index === undefined ? '' : ` (item ${Number(index) + 1})`}: ${issue.message}`;
  });
  throw new CliError(problems.join('; '));
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The workspace named, or the only one there is. */
async function resolveWorkspace(db: Kysely<Database>, name: string | undefined) {
  const { findWorkspaceByName, listAllWorkspaces } = await modules();
  if (name) {
    const workspace = await findWorkspaceByName(db, name);
    if (!workspace) throw new CliError(`no workspace named "${name}"`);
    return workspace;
  }
  const all = await listAllWorkspaces(db);
  if (all.length === 1) return all[0]!;
  if (all.length === 0)
    throw new CliError(
      'no workspace yet: start Earshot once (it creates the first owner and workspace) or run "earshot workspace create"',
    );
  throw new CliError(
    `several workspaces (${all.map((w) => w.name).join(', ')}); choose one with --workspace`,
  );
}

async function run(work: (db: Kysely<Database>) => Promise<unknown>): Promise<void> {
  const { withStore, loadConfig, migrateToLatest } = await modules();
  await withStore(loadConfig(), async (store) => {
    await migrateToLatest(store.db);
    const printed = await work(store.db);
    const lines = Array.isArray(printed) ? printed : [printed];
    for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  });
}

/** What an app refusal says on the command line. */
async function orCliError<T>(work: Promise<T>): Promise<T> {
  const { AppError } = await import('../app/app-error.ts');
  return work.catch((error: unknown) => {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  });
}

function describeBrand(brand: { createdAt?: unknown } & Record<string, unknown>) {
  const { createdAt: _createdAt, ...shown } = brand;
  return shown;
}

export function registerBrandCommand(program: Command): void {
  const brand = program
    .command('brand')
    .description('Manage brands and competitors: what each is heard by on every channel');
  const workspaceOption = [
    '--workspace <name>',
    "the brand's workspace (needed when there are several)",
  ] as const;
  const withTermOptions = (command: Command) => {
    for (const [term, help] of termOptions) command.option(`--${term} <list>`, help);
    return command;
  };

  withTermOptions(
    brand
      .command('create')
      .description('Add a brand (or, with --competitor, a competitor) to hear')
      .requiredOption('--name <name>', 'its name, as `earshot import --brand` names it')
      .option('--competitor', 'a competitor: heard for share of voice, not answered')
      .option(...workspaceOption),
  ).action((options: BrandOptions) =>
    run(async (db) => {
      const { CreateBrandBody, createBrand } = await modules();
      const workspace = await resolveWorkspace(db, options.workspace);
      const body = validated(CreateBrandBody, {
        name: options.name,
        isCompetitor: options.competitor ?? false,
        ...termsGiven(options),
      });
      return describeBrand(await orCliError(createBrand(db, workspace.id, body)));
    }),
  );

  brand
    .command('list')
    .description("List the workspace's brands and competitors with their terms, one JSON line each")
    .option(...workspaceOption)
    .action((options: BrandOptions) =>
      run(async (db) => {
        const { listBrands } = await modules();
        const workspace = await resolveWorkspace(db, options.workspace);
        return (await listBrands(db, workspace.id)).map(describeBrand);
      }),
    );

  withTermOptions(
    brand
      .command('update')
      .description('Change a brand: only the options given change; a list given as "" is emptied')
      .argument('<brand>', 'the brand to change (name or id)')
      .option('--name <name>', 'a new name')
      .option('--competitor', 'make it a competitor')
      .option('--no-competitor', 'make it one of ours')
      .option(...workspaceOption),
  ).action((name: string, options: BrandOptions) =>
    run(async (db) => {
      const { UpdateBrandBody, listBrands, updateBrand } = await modules();
      const workspace = await resolveWorkspace(db, options.workspace);
      const found = (await listBrands(db, workspace.id)).find(
        (candidate) => candidate.id === name || candidate.name === name,
      );
      if (!found)
        throw new CliError(
          `no brand "${name}" in workspace "${workspace.name}"; create it with: earshot brand create --name ${shellQuote(name)}`,
        );
      const patch = validated(UpdateBrandBody, {
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.competitor !== undefined ? { isCompetitor: options.competitor } : {}),
        ...termsGiven(options),
      });
      return describeBrand(await orCliError(updateBrand(db, workspace.id, found.id, patch)));
    }),
  );
}
