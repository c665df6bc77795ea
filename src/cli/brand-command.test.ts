import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedDatabase, runEarshot } from '../../test/helpers/cli.ts';
import type { SharedDatabase } from '../../test/helpers/cli.ts';
import { seedWorkspace } from '../../test/helpers/seed.ts';
import { listBrands } from '../store/brands.repository.ts';

// Each run starts a Node process and opens the store: seconds each on a busy machine.
const slow = { timeout: 480_000 };

let database: SharedDatabase;
let workspaceName: string;
let workspaceId: string;
const earshot = (...args: string[]) => runEarshot(database, args);
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  database = await createSharedDatabase('brand-cli');
  ({ workspaceId, workspaceName } = await database.withStore(async (store) => {
    const seeded = await seedWorkspace(store.db, 'Solo');
    const row = await store.db
      .selectFrom('workspaces')
      .select('name')
      .where('id', '=', seeded.workspaceId)
      .executeTakeFirstOrThrow();
    return { workspaceId: seeded.workspaceId, workspaceName: row.name };
  }));
}, 180_000);

afterAll(async () => {
  await database?.close();
});

describe('earshot brand', slow, () => {
  it('creates a brand in the only workspace, lists it and updates it', async () => {
    const created = await earshot(
      'brand',
      'create',
      '--name',
      'Northwind',
      '--handles',
      '@northwind, northwind.bsky.social',
      '--keywords',
      'northwind,northwind air',
      '--hashtags',
      '#flynorthwind',
      '--exclusions',
      'northwind trail',
      '--languages',
      'EN,fr',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(lines(created.stdout)[0]).toMatchObject({
      name: 'Northwind',
      handles: ['@northwind', 'northwind.bsky.social'],
      keywords: ['northwind', 'northwind air'],
      hashtags: ['#flynorthwind'],
      exclusions: ['northwind trail'],
      languages: ['en', 'fr'],
      isCompetitor: false,
    });
    const rival = await earshot('brand', 'create', '--name', 'Contoso', '--competitor');
    expect(lines(rival.stdout)[0]).toMatchObject({ name: 'Contoso', isCompetitor: true });

    const updated = await earshot(
      'brand',
      'update',
      'Northwind',
      '--languages',
      '',
      '--keywords',
      'northwind air',
      '--workspace',
      workspaceName,
    );
    expect(updated.code).toBe(0);
    expect(lines(updated.stdout)[0]).toMatchObject({
      keywords: ['northwind air'],
      languages: [],
      hashtags: ['#flynorthwind'],
    });

    const listed = await earshot('brand', 'list');
    expect(lines(listed.stdout).map((brand) => brand.name)).toEqual([
      'Contoso',
      'Northwind',
      'Solo Brand',
    ]);
    const stored = await database.withStore((store) => listBrands(store.db, workspaceId));
    expect(stored.find((brand) => brand.name === 'Northwind')?.keywords).toEqual(['northwind air']);
  });

  it('refuses bad input with one clear line: a language, a duplicate name, an unknown brand', async () => {
    const badLanguage = await earshot('brand', 'create', '--name', 'X', '--languages', 'english');
    expect(badLanguage.stderr).toMatch(/--languages \(item 1\): .*two-letter/);
    const duplicate = await earshot('brand', 'create', '--name', 'Northwind');
    expect(duplicate.stderr).toContain('a brand with this name already exists');
    const unknown = await earshot('brand', 'update', 'Nobody', '--keywords', 'x');
    expect(unknown.stderr).toContain("earshot brand create --name 'Nobody'");
    const noWorkspace = await earshot('brand', 'list', '--workspace', 'Elsewhere');
    expect(noWorkspace.stderr).toContain('no workspace named "Elsewhere"');
    for (const result of [badLanguage, duplicate, unknown, noWorkspace]) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('asks for --workspace once there are several', async () => {
    await database.withStore((store) => seedWorkspace(store.db, 'Second'));
    const result = await earshot('brand', 'list');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/several workspaces .*--workspace/);
  });
});
