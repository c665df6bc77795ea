import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../app/app-error.ts';
import {
  importReviewFile,
  previewReviewImport,
  reviewTemplateList,
} from '../../app/reviews/import-reviews.ts';
import type { ReviewFile } from '../../app/reviews/import-reviews.ts';
import { decodeUtf8 } from '../../domain/utf8.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonResponse } from '../schemas/common.schema.ts';
import {
  ReviewFileForm,
  ReviewFileJson,
  ReviewImportPreviewSchema,
  ReviewImportResultSchema,
  ReviewMappingSchema,
  ReviewTemplateSchema,
  maxReviewFileBytes,
} from '../schemas/review-import.schema.ts';
import { useCaseContext } from '../use-case-context.ts';

/** Room for the file and its JSON escaping or multipart framing: app.ts gives these paths this limit, not 1 MB. */
export const maxReviewImportBodyBytes = 2 * maxReviewFileBytes;
export const reviewImportPath = /^\/api\/v1\/workspaces\/[^/]+\/reviews\/import(\/preview)?$/;

const fileBody = {
  body: {
    content: {
      'application/json': { schema: ReviewFileJson },
      'multipart/form-data': { schema: ReviewFileForm },
    },
    required: false,
    description: 'The file as text in JSON, or uploaded as multipart form data',
  },
};

const templates = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/reviews/import/templates',
  access: 'workspace',
  role: 'admin',
  tags: ['reviews'],
  summary: 'The built-in column mappings of review sites’ exports',
  request: { params: WorkspaceParams },
  responses: { 200: jsonResponse(z.object({ items: z.array(ReviewTemplateSchema) }), 'Templates') },
});

const preview = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/reviews/import/preview',
  access: 'workspace',
  role: 'admin',
  tags: ['reviews'],
  summary:
    "A review file's columns, a suggested mapping and its first rows read with it; nothing is stored",
  request: { params: WorkspaceParams, ...fileBody },
  responses: { 200: jsonResponse(ReviewImportPreviewSchema, 'The preview') },
});

const confirm = defineRoute({
  method: 'post',
  path: '/api/v1/workspaces/{workspaceId}/reviews/import',
  access: 'workspace',
  role: 'admin',
  tags: ['reviews'],
  summary:
    'Import a review file with a mapping (or template): safe to repeat, a stored review is a duplicate',
  request: { params: WorkspaceParams, ...fileBody },
  responses: {
    200: jsonResponse(ReviewImportResultSchema, 'What was added, skipped and rejected'),
  },
});

/** The validated bodies; only the one the content type names was validated. */
type Bodies = { json: () => unknown; form: () => unknown };

/** The file and its options from either body; a form's mapping is JSON text, checked here. */
async function fileOf(
  c: Context<AppEnv>,
  bodies: Bodies,
): Promise<ReviewFile & { brandId?: string }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = bodies.form() as Partial<z.infer<typeof ReviewFileForm>>;
    if (!(form.file instanceof File))
      throw new ApiError(400, 'validation_failed', 'attach the file as `file`');
    if (form.file.size > maxReviewFileBytes)
      throw new ApiError(413, 'payload_too_large', `a file is at most ${maxReviewFileBytes} bytes`);
    const text = decodeUtf8(new Uint8Array(await form.file.arrayBuffer()));
    if (text === undefined)
      throw new ApiError(400, 'invalid_utf8', `${form.file.name}: the file is not UTF-8 text`);
    let mapping: z.infer<typeof ReviewMappingSchema> | undefined;
    if (form.mapping) {
      let value: unknown;
      try {
        value = JSON.parse(form.mapping);
      } catch {
        throw new ApiError(400, 'validation_failed', 'mapping: not valid JSON');
      }
      const parsed = ReviewMappingSchema.safeParse(value);
      if (!parsed.success)
        throw new ApiError(
          400,
          'validation_failed',
          `mapping: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`).join('; ')}`,
        );
      mapping = parsed.data;
    }
    return {
      name: form.file.name || 'upload',
      text,
      ...(form.format ? { format: form.format } : {}),
      ...(form.template ? { template: form.template } : {}),
      ...(mapping ? { mapping } : {}),
      ...(form.brandId ? { brandId: form.brandId } : {}),
    };
  }
  if (!type.includes('application/json'))
    throw new ApiError(415, 'validation_failed', 'send JSON or multipart/form-data');
  const body = bodies.json() as Partial<z.infer<typeof ReviewFileJson>>;
  if (typeof body.text !== 'string')
    throw new ApiError(400, 'validation_failed', "text: the file's text is required");
  if (Buffer.byteLength(body.text) > maxReviewFileBytes)
    throw new ApiError(413, 'payload_too_large', `a file is at most ${maxReviewFileBytes} bytes`);
  return {
    name: body.fileName ?? 'upload',
    text: body.text,
    ...(body.format ? { format: body.format } : {}),
    ...(body.template ? { template: body.template } : {}),
    ...(body.mapping ? { mapping: body.mapping } : {}),
    ...(body.brandId ? { brandId: body.brandId } : {}),
  };
}

export const reviewImportRoutes = createRouter();
reviewImportRoutes
  .openapi(templates, (c) => c.json({ items: reviewTemplateList() }, 200))
  .openapi(preview, async (c) => {
    const file = await fileOf(c, {
      json: () => c.req.valid('json'),
      form: () => c.req.valid('form'),
    });
    return c.json(await previewReviewImport(file), 200);
  })
  .openapi(confirm, async (c) => {
    const file = await fileOf(c, {
      json: () => c.req.valid('json'),
      form: () => c.req.valid('form'),
    });
    if (!file.mapping && !file.template)
      throw new AppError(
        'validation_failed',
        'give a template or a mapping (preview suggests one)',
      );
    const result = await importReviewFile(useCaseContext(c.var), file, c.var.deps.channels.assess);
    return c.json(result, 200);
  });
