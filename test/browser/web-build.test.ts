import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../scripts/ensure-web-build.ts';

let dir: string;
const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'earshot-web-build-'));
  await mkdir(join(dir, 'src', 'deep', 'er'), { recursive: true });
  await writeFile(join(dir, 'src', 'main.tsx'), '');
  await writeFile(join(dir, 'src', 'deep', 'er', 'page.css'), '');
  await utimes(join(dir, 'src', 'main.tsx'), at(10), at(10));
  await utimes(join(dir, 'src', 'deep', 'er', 'page.css'), at(20), at(20));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('when npm start rebuilds the web app', () => {
  const index = () => join(dir, 'index.html');

  it('builds when there is no build', async () => {
    expect(await staleReason(join(dir, 'src'), index())).toBe('dist/web is missing');
  });

  it('rebuilds when any source file, however deep, is newer than the build', async () => {
    await writeFile(index(), '');
    await utimes(index(), at(15), at(15));
    expect(await staleReason(join(dir, 'src'), index())).toBe(
      'src/web changed since the last build',
    );
  });

  it('skips the build when it is newer than every source file', async () => {
    await writeFile(index(), '');
    await utimes(index(), at(30), at(30));
    expect(await staleReason(join(dir, 'src'), index())).toBeNull();
  });
});
