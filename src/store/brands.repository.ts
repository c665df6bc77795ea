import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ListeningTerms } from '../domain/listening.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export interface BrandInput {
  name: string;
  handles: string[];
  keywords: string[];
  /** Empty when not given, as are exclusions and languages. */
  hashtags?: string[];
  exclusions?: string[];
  languages?: string[];
  isCompetitor: boolean;
}

/** Told (with the brand's id) when a brand is added or changed: listening sources reload its terms. */
export const brandsChannel = 'earshot_brands';

export async function notifyBrandChanged(db: Kysely<Database>, brandId: string): Promise<void> {
  await sql`select pg_notify(${brandsChannel}, ${brandId})`.execute(db);
}

const brandColumns = [
  'id',
  'name',
  'handles',
  'keywords',
  'hashtags',
  'exclusions',
  'languages',
  'is_competitor as isCompetitor',
  'created_at as createdAt',
] as const;

export async function createBrand(db: Kysely<Database>, workspaceId: string, brand: BrandInput) {
  const created = await db
    .insertInto('brands')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      name: brand.name,
      handles: brand.handles,
      keywords: brand.keywords,
      hashtags: brand.hashtags ?? [],
      exclusions: brand.exclusions ?? [],
      languages: brand.languages ?? [],
      is_competitor: brand.isCompetitor,
    })
    .returning(brandColumns)
    .executeTakeFirstOrThrow();
  await notifyBrandChanged(db, created.id);
  return created;
}

export async function listBrands(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('brands')
    .select(brandColumns)
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
}

export async function findBrand(db: Kysely<Database>, workspaceId: string, brandId: string) {
  return db
    .selectFrom('brands')
    .select(brandColumns)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', brandId)
    .executeTakeFirst();
}

export async function updateBrand(
  db: Kysely<Database>,
  workspaceId: string,
  brandId: string,
  patch: Partial<BrandInput>,
) {
  const updated = await db
    .updateTable('brands')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.handles !== undefined ? { handles: patch.handles } : {}),
      ...(patch.keywords !== undefined ? { keywords: patch.keywords } : {}),
      ...(patch.hashtags !== undefined ? { hashtags: patch.hashtags } : {}),
      ...(patch.exclusions !== undefined ? { exclusions: patch.exclusions } : {}),
      ...(patch.languages !== undefined ? { languages: patch.languages } : {}),
      ...(patch.isCompetitor !== undefined ? { is_competitor: patch.isCompetitor } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', brandId)
    .returning(brandColumns)
    .executeTakeFirst();
  if (updated) await notifyBrandChanged(db, updated.id);
  return updated;
}

/** The listening terms of these brands (any workspace), by brand id: what the channel runner feeds its sources. */
export async function loadBrandTerms(
  db: Kysely<Database>,
  brandIds: readonly string[],
): Promise<Map<string, ListeningTerms>> {
  if (brandIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('brands')
    .select(['id', 'handles', 'keywords', 'hashtags', 'exclusions', 'languages'])
    .where('id', 'in', [...brandIds])
    .execute();
  return new Map(rows.map(({ id, ...terms }) => [id, terms]));
}

/** Brands of this name in every workspace, with their workspace's name (the CLI's --brand). */
export async function findBrandsByName(db: Kysely<Database>, name: string) {
  return db
    .selectFrom('brands')
    .innerJoin('workspaces', 'workspaces.id', 'brands.workspace_id')
    .select([
      'brands.id as brandId',
      'workspaces.id as workspaceId',
      'workspaces.name as workspaceName',
    ])
    .where('brands.name', '=', name)
    .orderBy('workspaces.name')
    .execute();
}
