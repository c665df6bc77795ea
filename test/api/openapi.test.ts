import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { TestApi } from '../helpers/api.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  'x-earshot-access'?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

let api: TestApi;
let document: Document;
let operations: Array<{ name: string; operation: Operation }>;

beforeAll(async () => {
  api = await createTestApi();
  const response = await api.request('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  document = response.json as unknown as Document;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.has(method))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
});
afterAll(async () => api?.close());

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    // The validator dereferences in place: give it a copy so the other tests see the original.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('describes the API routes it serves (a route left out of the document escapes the isolation matrix)', () => {
    const names = operations.map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'GET /api/v1/workspaces/{workspaceId}/conversations',
        'POST /api/v1/workspaces/{workspaceId}/conversations/{conversationId}/replies',
        'GET /api/v1/events',
      ]),
    );
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('gives every operation a summary, a tag and an access rule', () => {
    const lacking = operations.filter(
      ({ operation }) =>
        !operation.summary?.trim() ||
        !operation.tags?.length ||
        !/^(public|user|workspace:(viewer|agent|admin|owner))$/.test(
          operation['x-earshot-access'] ?? '',
        ),
    );
    expect(lacking.map((entry) => entry.name)).toEqual([]);
  });

  it('declares 401 and a security requirement on every operation that needs a login', () => {
    const guarded = operations.filter(
      ({ operation }) => operation['x-earshot-access'] !== 'public',
    );
    expect(guarded.length).toBeGreaterThan(0);
    const lacking = guarded.filter(
      ({ operation }) => !operation.responses['401'] || !operation.security?.length,
    );
    expect(lacking.map((entry) => entry.name)).toEqual([]);
  });

  it('declares 403 and 404 on every workspace operation (role too low, or not your workspace)', () => {
    const scoped = operations.filter(({ operation }) =>
      operation['x-earshot-access']?.startsWith('workspace:'),
    );
    expect(scoped.length).toBeGreaterThan(0);
    const lacking = scoped.filter(
      ({ operation }) => !operation.responses['403'] || !operation.responses['404'],
    );
    expect(lacking.map((entry) => entry.name)).toEqual([]);
  });

  it('declares every path parameter its path names', () => {
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(item)) {
        if (!methods.has(method)) continue;
        const parameters = (operation as { parameters?: Array<{ name: string; in: string }> })
          .parameters;
        const declared = new Set(
          (parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        );
        for (const name of placeholders) {
          if (!declared.has(name!)) undeclared.push(`${method} ${path}: ${name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});
