import type { Kysely } from 'kysely';
import { strayIdeasTerms } from '../../domain/ideas-channel.ts';
import {
  createBrand as insertBrand,
  findBrand,
  updateBrand as saveBrand,
} from '../../store/brands.repository.ts';
import type { BrandInput } from '../../store/brands.repository.ts';
import type { Database } from '../../store/schema.ts';
import { inTransaction } from '../../store/transaction.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import { isUniqueViolation } from '../unique-violation.ts';
import type { UseCaseContext } from '../use-case.ts';

const nameTaken = () => new AppError('conflict', 'a brand with this name already exists');

/** Refuses ideas channel terms that are not the brand's own handles or hashtags. */
function requireOwnIdeasTerms(brand: Partial<BrandInput>): void {
  const stray = strayIdeasTerms({
    handles: brand.handles ?? [],
    hashtags: brand.hashtags ?? [],
    ideasTerms: brand.ideasTerms ?? [],
  });
  if (stray.length > 0)
    throw new AppError(
      'validation_failed',
      `the ideas channel must be among the brand's handles (written @name) or hashtags (#tag): ${stray.join(', ')}`,
      { field: 'ideasTerms', stray },
    );
}

/** What the audit log keeps of a brand: its name and every listening term. */
function brandSnapshot(brand: { id: string; createdAt: Date } & Record<string, unknown>) {
  const { id: _id, createdAt: _createdAt, ...fields } = brand;
  return fields;
}

/**
 * Adds a brand (or a competitor) to hear; a name already in the workspace is a conflict. With
 * the acting member's `context` (the API), the audit log records it in the same transaction.
 */
export async function createBrand(
  db: Kysely<Database>,
  workspaceId: string,
  brand: BrandInput,
  context?: UseCaseContext,
) {
  requireOwnIdeasTerms(brand);
  try {
    return await inTransaction(db, async (tx) => {
      const created = await insertBrand(tx, workspaceId, brand);
      if (context)
        await recordChange(tx, context, {
          kind: 'brand.created',
          target: { type: 'brand', id: created.id },
          after: brandSnapshot(created),
        });
      return created;
    });
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
  context?: UseCaseContext,
) {
  const brand =
    Object.keys(patch).length === 0
      ? await findBrand(db, workspaceId, brandId)
      : await inTransaction(db, async (tx) => {
          const before = await findBrand(tx, workspaceId, brandId);
          if (before) requireOwnIdeasTerms({ ...before, ...patch });
          const saved = await saveBrand(tx, workspaceId, brandId, patch);
          if (before && saved && context)
            await recordChange(tx, context, {
              kind: 'brand.updated',
              target: { type: 'brand', id: brandId },
              before: brandSnapshot(before),
              after: brandSnapshot(saved),
            });
          return saved;
        }).catch((error: unknown) => {
          if (isUniqueViolation(error)) throw nameTaken();
          throw error;
        });
  if (!brand) throw new AppError('brand_not_found', 'no such brand');
  return brand;
}
