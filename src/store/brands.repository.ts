import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { BrandToPick } from '../domain/brand-pick.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

/** A brand a listening account hears, with its terms. */
export type HeardBrand = BrandToPick;

export interface BrandInput {
  name: string;
  handles: string[];
  keywords: string[];
  /** Empty when not given, as are exclusions and languages. */
  hashtags?: string[];
  exclusions?: string[];
  languages?: string[];
  /** Its handles ("@acmeideas") and hashtags ("#AcmeIdeas") that are its ideas channel. */
  ideasTerms?: string[];
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
  'ideas_terms as ideasTerms',
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
      ideas_terms: brand.ideasTerms ?? [],
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

/** The brand's ideas channel terms: what intake labels as ideas (empty for an unknown brand). */
export async function findBrandIdeasTerms(
  db: Kysely<Database>,
  brandId: string,
): Promise<string[]> {
  const row = await db
    .selectFrom('brands')
    .select('ideas_terms')
    .where('id', '=', brandId)
    .executeTakeFirst();
  return row?.ideas_terms ?? [];
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
      ...(patch.ideasTerms !== undefined ? { ideas_terms: patch.ideasTerms } : {}),
      ...(patch.isCompetitor !== undefined ? { is_competitor: patch.isCompetitor } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', brandId)
    .returning(brandColumns)
    .executeTakeFirst();
  if (updated) await notifyBrandChanged(db, updated.id);
  return updated;
}

/**
 * What an account of each of these brands (any workspace) hears: the brand's own terms first,
 * then those of its workspace's competitors (by name), by brand id. What the channel runner feeds
 * its sources, and what intake gives each heard post its brand by.
 */
export async function loadBrandHearing(
  db: Kysely<Database>,
  brandIds: readonly string[],
): Promise<Map<string, HeardBrand[]>> {
  if (brandIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('brands as b')
    .innerJoin('brands as c', (join) =>
      join
        .onRef('c.workspace_id', '=', 'b.workspace_id')
        .on((eb) => eb.or([eb('c.id', '=', eb.ref('b.id')), eb('c.is_competitor', '=', true)])),
    )
    .select([
      'b.id as forBrandId',
      'c.id',
      'c.name',
      'c.is_competitor as isCompetitor',
      'c.handles',
      'c.keywords',
      'c.hashtags',
      'c.exclusions',
      'c.languages',
    ])
    .where('b.id', 'in', [...brandIds])
    .orderBy('b.id')
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
  const hearing = new Map<string, HeardBrand[]>();
  for (const { forBrandId, ...brand } of rows) {
    const list = hearing.get(forBrandId) ?? [];
    // The brand itself first (even when it is a competitor itself), then the competitors.
    if (brand.id === forBrandId) list.unshift(brand);
    else list.push(brand);
    hearing.set(forBrandId, list);
  }
  return hearing;
}

/** Whether the brand is a competitor (false for an unknown id). */
export async function isCompetitorBrand(db: Kysely<Database>, brandId: string): Promise<boolean> {
  const row = await db
    .selectFrom('brands')
    .select('is_competitor')
    .where('id', '=', brandId)
    .executeTakeFirst();
  return row?.is_competitor ?? false;
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
