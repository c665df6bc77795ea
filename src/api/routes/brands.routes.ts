import { z } from '@hono/zod-openapi';
import { createBrand, findBrand, listBrands, updateBrand } from '../../store/brands.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { BrandSchema, CreateBrandBody, UpdateBrandBody } from '../schemas/workspace.schema.ts';

const list = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/brands',
  access: 'workspace',
  role: 'viewer',
  tags: ['brands'],
  summary: 'Brands heard in this workspace, competitors included',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(BrandSchema) }), 'Brands') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/brands',
  access: 'workspace',
  role: 'admin',
  tags: ['brands'],
  summary: 'Add a brand (or a competitor) with its handles and keywords',
  request: { params: WorkspaceParams, ...jsonBody(CreateBrandBody) },
  responses: { 201: jsonResponse(BrandSchema, 'The brand') },
});

const update = defineRoute({
  method: 'patch',
  path: '/api/v1/workspaces/{workspaceId}/brands/{brandId}',
  access: 'workspace',
  role: 'admin',
  tags: ['brands'],
  summary: 'Change a brand',
  request: { params: WorkspaceParams.extend({ brandId: Uuid }), ...jsonBody(UpdateBrandBody) },
  responses: { 200: jsonResponse(BrandSchema, 'The brand') },
});

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
  );
}

export const brandRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json({ items: await listBrands(c.var.deps.store.db, c.var.workspaceId) }, 200),
  )
  .openapi(create, async (c) => {
    try {
      return c.json(
        await createBrand(c.var.deps.store.db, c.var.workspaceId, c.req.valid('json')),
        201,
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError(409, 'conflict', 'a brand with this name already exists');
      throw error;
    }
  })
  .openapi(update, async (c) => {
    const { brandId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { db } = c.var.deps.store;
    // An empty patch changes nothing: answer with the brand as it is.
    const brand =
      Object.keys(patch).length === 0
        ? await findBrand(db, c.var.workspaceId, brandId)
        : await updateBrand(db, c.var.workspaceId, brandId, patch).catch((error: unknown) => {
            if (isUniqueViolation(error))
              throw new ApiError(409, 'conflict', 'a brand with this name already exists');
            throw error;
          });
    if (!brand) throw new ApiError(404, 'brand_not_found', 'no such brand');
    return c.json(brand, 200);
  });
