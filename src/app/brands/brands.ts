import type { Kysely } from 'kysely';
import {
  createBrand as insertBrand,
  findBrand,
  updateBrand as saveBrand,
} from '../../store/brands.repository.ts';
import type { BrandInput } from '../../store/brands.repository.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../app-error.ts';
import { isUniqueViolation } from '../unique-violation.ts';

const nameTaken = () => new AppError('conflict', 'a brand with this name already exists');

/** Adds a brand (or a competitor) to hear; a name already in the workspace is a conflict. */
export async function createBrand(db: Kysely<Database>, workspaceId: string, brand: BrandInput) {
  try {
    return await insertBrand(db, workspaceId, brand);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Changes a brand; an empty patch changes nothing and answers with the brand as it is. */
export async function updateBrand(
  db: Kysely<Database>,
  workspaceId: string,
  brandId: string,
  patch: Partial<BrandInput>,
) {
  const brand =
    Object.keys(patch).length === 0
      ? await findBrand(db, workspaceId, brandId)
      : await saveBrand(db, workspaceId, brandId, patch).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw nameTaken();
          throw error;
        });
  if (!brand) throw new AppError('brand_not_found', 'no such brand');
  return brand;
}
