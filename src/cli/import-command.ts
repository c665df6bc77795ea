import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { ImportProgress } from '../pipeline/intake/import-file.ts';
import type { Assess } from '../pipeline/intake/ingest.ts';
import type { Database } from '../store/schema.ts';
import { CliError } from './cli-error.ts';

/** The formats `--help` lists; import-file.ts's importFormats is the source (a test keeps them equal). */
export const importFormatNames = ['twcs', 'reviews-csv', 'reviews-json'] as const;

// The pipeline and the database load when the command runs, not when the CLI starts.
const modules = async () => {
  const [environment, importing, assess, models, brands, migrate, workspaces, pick] =
    await Promise.all([
      import('./environment.ts'),
      import('../pipeline/intake/import-file.ts'),
      import('../pipeline/intake/assess.ts'),
      import('../triage/models.ts'),
      import('../store/brands.repository.ts'),
      import('../store/migrate.ts'),
      import('../store/workspaces.repository.ts'),
      import('../domain/brand-pick.ts'),
    ]);
  return {
    ...pick,
    ...environment,
    ...importing,
    ...assess,
    ...models,
    ...brands,
    ...migrate,
    ...workspaces,
  };
};

interface ImportOptions {
  format: string;
  /** Needed for twcs; a review file without it is split among the brands by their terms. */
  brand?: string;
  workspace?: string;
  /** False with --no-triage. */
  triage: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import a file of mentions into a brand (safe to re-run: what is stored is skipped)',
    )
    .argument('<file>', 'the file to read')
    .requiredOption('--format <format>', `its format: ${importFormatNames.join(', ')}`)
    .option(
      '--brand <name>',
      'the brand the mentions are about (twcs: required; reviews: without it each review goes to the brand whose keywords, hashtags or handles it names)',
    )
    .option('--workspace <name>', "the brand's workspace (needed when several have that brand)")
    .option('--no-triage', 'store without triage labels (priority, sentiment, language): faster')
    .action(async (file: string, options: ImportOptions) => {
      const {
        createTriageAssess,
        importFile,
        isImportFormat,
        loadConfig,
        loadTriageModels,
        migrateToLatest,
        withStore,
      } = await modules();
      const format = options.format;
      if (!isImportFormat(format))
        throw new CliError(
          `unknown --format "${format}"; use one of ${importFormatNames.join(', ')}`,
        );
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw new CliError(`${file}: no such file`);
      // Labelled on the way in, as mentions heard live are; without the models, unlabelled.
      let assess: Assess | undefined;
      if (options.triage) {
        try {
          assess = createTriageAssess(loadTriageModels());
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          process.stderr.write(`triage models not loaded (${message}); importing unlabelled\n`);
        }
      }
      await withStore(loadConfig(), async (store) => {
        await migrateToLatest(store.db);
        const { workspaceId, brandId, brandFor } = options.brand
          ? await findImportBrand(store.db, { ...options, brand: options.brand })
          : await brandsByTerms(store.db, format, options.workspace);
        const bar = process.stderr.isTTY ? progressBar(process.stderr) : undefined;
        try {
          const summary = await importFile(store.db, {
            workspaceId,
            brandId,
            ...(brandFor ? { brandFor } : {}),
            format,
            path: file,
            ...(assess ? { assess } : {}),
            ...(bar ? { onProgress: bar.update } : {}),
          });
          bar?.done();
          process.stdout.write(`${JSON.stringify(summary)}\n`);
        } catch (error) {
          bar?.done();
          const message = error instanceof Error ? error.message : String(error);
          // Every batch stored before the error stays stored, so running again resumes.
          throw new CliError(`${file}: ${message} (fix it and run the import again to resume)`);
        }
      });
    });
}

/** A review file without --brand: each review goes to the brand its text names (brand-pick.ts). */
async function brandsByTerms(db: Kysely<Database>, format: string, workspaceName?: string) {
  if (format === 'twcs')
    throw new CliError(
      '--brand is required for twcs: the file does not say which brand it is about',
    );
  const { findWorkspaceByName, listAllWorkspaces, listBrands, pickBrandByTerms } = await modules();
  const workspaces = workspaceName
    ? [await findWorkspaceByName(db, workspaceName)].filter((w) => w !== undefined)
    : await listAllWorkspaces(db);
  if (workspaceName && workspaces.length === 0)
    throw new CliError(`no workspace named "${workspaceName}"`);
  if (workspaces.length !== 1)
    throw new CliError(
      'several workspaces: choose one with --workspace, or name the brand with --brand',
    );
  const workspace = workspaces[0]!;
  const brands = await listBrands(db, workspace.id);
  if (brands.length === 0)
    throw new CliError(
      `no brand in workspace "${workspace.name}"; create one with: ${createHint('NAME', workspace.name)} --keywords ...`,
    );
  return {
    workspaceId: workspace.id,
    brandId: brands[0]!.id,
    brandFor: (mention: { text: string; language?: string }) =>
      pickBrandByTerms(brands, mention.text, mention.language),
  };
}

async function findImportBrand(
  db: Kysely<Database>,
  options: ImportOptions & { brand: string },
): Promise<{ workspaceId: string; brandId: string; brandFor?: undefined }> {
  const { findBrandsByName, findWorkspaceByName, listBrands } = await modules();
  if (options.workspace) {
    const workspace = await findWorkspaceByName(db, options.workspace);
    if (!workspace) throw new CliError(`no workspace named "${options.workspace}"`);
    const brand = (await listBrands(db, workspace.id)).find((b) => b.name === options.brand);
    if (!brand)
      throw new CliError(
        `no brand named "${options.brand}" in workspace "${workspace.name}"; create it with: ${createHint(options.brand, workspace.name)}`,
      );
    return { workspaceId: workspace.id, brandId: brand.id };
  }
  const matches = await findBrandsByName(db, options.brand);
  if (matches.length === 0)
    throw new CliError(
      `no brand named "${options.brand}"; create it with: ${createHint(options.brand)}`,
    );
  if (matches.length > 1)
    throw new CliError(
      `several workspaces have a brand named "${options.brand}" (${matches.map((m) => m.workspaceName).join(', ')}); choose one with --workspace`,
    );
  return { workspaceId: matches[0]!.workspaceId, brandId: matches[0]!.brandId };
}

/** The command that creates the missing brand, quoted for a POSIX shell. */
function createHint(brand: string, workspace?: string): string {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const inWorkspace = workspace ? ` --workspace ${quote(workspace)}` : '';
  return `earshot brand create --name ${quote(brand)}${inWorkspace}`;
}

/** One line of the progress bar, e.g. "pass 2 [#######-------------]  35%  12,000 records". */
export function renderProgress(progress: ImportProgress, width = 30): string {
  const fraction =
    progress.fileBytes > 0 ? Math.min(1, progress.bytesRead / progress.fileBytes) : 1;
  const filled = Math.round(fraction * width);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `pass ${progress.pass} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${progress.records.toLocaleString('en')} records`;
}

/** Redraws at most ten times a second, so a fast import does not spend its time on the terminal. */
function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  return {
    update(progress: ImportProgress): void {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      stream.write(`\r${renderProgress(progress)}\u001b[K`);
    },
    done(): void {
      stream.write('\r\u001b[K');
    },
  };
}
