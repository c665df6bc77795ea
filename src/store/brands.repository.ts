import type { Kysely } from 'kysely';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

export interface BrandInput {
  name: string;
  handles: string[];
  keywords: string[];
  isCompetitor: boolean;
}

const brandColumns = [
  'id',
  'name',
  'handles',
  'keywords',
  'is_competitor as isCompetitor',
  'created_at as createdAt',
] as const;

export async function createBrand(db: Kysely<Database>, workspaceId: string, brand: BrandInput) {
  return db
    .insertInto('brands')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      name: brand.name,
      handles: brand.handles,
      keywords: brand.keywords,
      is_competitor: brand.isCompetitor,
    })
    .returning(brandColumns)
    .executeTakeFirstOrThrow();
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
  return db
    .updateTable('brands')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.handles !== undefined ? { handles: patch.handles } : {}),
      ...(patch.keywords !== undefined ? { keywords: patch.keywords } : {}),
      ...(patch.isCompetitor !== undefined ? { is_competitor: patch.isCompetitor } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', brandId)
    .returning(brandColumns)
    .executeTakeFirst();
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
