import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';

// Issue 25: the web app's files travel compressed, and the hashed ones are cached for a year
// while the page itself is checked on every visit. Served by the real app from a built folder.

const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
let root: string;
let api: Awaited<ReturnType<typeof createTestApi>>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'earshot-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Earshot</title>');
  const asset = join(root, 'assets', 'index-VGyTFgh8.js');
  await writeFile(asset, script);
  await writeFile(`${asset}.br`, brotliCompressSync(script));
  await writeFile(`${asset}.gz`, gzipSync(script));
  api = await createTestApi({ webRoot: root });
});

afterAll(async () => {
  await api?.close();
  await rm(root, { recursive: true, force: true });
});

const fetchFile = (path: string, acceptEncoding?: string) =>
  api.app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app files', () => {
  it('sends brotli when the browser takes it, else gzip, else the plain file', async () => {
    const br = await fetchFile('/assets/index-VGyTFgh8.js', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(script);

    const gz = await fetchFile('/assets/index-VGyTFgh8.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await fetchFile('/assets/index-VGyTFgh8.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('caches hashed files for a year and makes the page be checked on every visit', async () => {
    const asset = await fetchFile('/assets/index-VGyTFgh8.js', 'br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const page of ['/', '/w/some-workspace/inbox']) {
      const response = await fetchFile(page, 'br');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>Earshot</title>');
    }
    // A missing asset gets the page, which must not be kept a year under the asset's name.
    const missing = await fetchFile('/assets/index-Missing1.js');
    expect(missing.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps the API out of every cache', async () => {
    const response = await fetchFile('/api/v1/session');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
