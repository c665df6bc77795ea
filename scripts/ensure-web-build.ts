/**
 * Run by `npm start` before the server: builds the web app into dist/web when the build is
 * missing or older than any source file in src/web, so a fresh clone (or an edited one)
 * serves the current app without a separate build step. Prints one line either way.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(repo, 'src', 'web');
const builtIndex = join(repo, 'dist', 'web', 'index.html');
const configFile = join(sourceDir, 'vite.config.ts');

async function newestSourceTime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const { mtimeMs } = await stat(join(entry.parentPath, entry.name));
    newest = Math.max(newest, mtimeMs);
  }
  return newest;
}

async function modifiedTime(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

/** Why a build is needed, or null when the built index.html is newer than every source file. */
export async function staleReason(
  sources: string = sourceDir,
  index: string = builtIndex,
): Promise<string | null> {
  const built = await modifiedTime(index);
  if (built === null) return 'dist/web is missing';
  return (await newestSourceTime(sources)) > built ? 'src/web changed since the last build' : null;
}

export async function ensureWebBuild(): Promise<void> {
  const reason = await staleReason();
  if (!reason) {
    console.log('web: dist/web is up to date');
    return;
  }
  const started = performance.now();
  // Imported only when needed: Vite takes a moment to load and `npm start` usually skips it.
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'error', mode: 'production' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`web: built dist/web in ${seconds}s (${reason})`);
}

if (import.meta.main) {
  try {
    await ensureWebBuild();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`web: building the web app failed (npm run build shows the details): ${message}`);
    process.exitCode = 1;
  }
}
