import { z } from '@hono/zod-openapi';
import { createBrand, updateBrand } from '../../app/brands/brands.ts';
import { useCaseContext } from '../use-case-context.ts';
import { listBrands } from '../../store/brands.repository.ts';
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

export const brandRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json({ items: await listBrands(c.var.deps.store.db, c.var.workspaceId) }, 200),
  )
  .openapi(create, async (c) =>
    c.json(
      await createBrand(
        c.var.deps.store.db,
        c.var.workspaceId,
        c.req.valid('json'),
        useCaseContext(c.var),
      ),
      201,
    ),
  )
  .openapi(update, async (c) => {
    const { brandId } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { store } = c.var.deps;
    const context = useCaseContext(c.var);
    return c.json(await updateBrand(store.db, c.var.workspaceId, brandId, patch, context), 200);
  });
