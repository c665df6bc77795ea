import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Strips group and other access from a folder and all it holds. PGlite sets explicit modes (0666)
 * on the files it creates when it makes or loads a database, so the umask alone is not enough:
 * this runs after each open, and on folders made by older versions. Until then the folder's own
 * 0700 keeps others out.
 */
export function makePrivate(dataDir: string): void {
  const entries = [
    dataDir,
    ...readdirSync(dataDir, { recursive: true }).map((name) => path.join(dataDir, String(name))),
  ];
  for (const entry of entries) {
    const stats = lstatSync(entry, { throwIfNoEntry: false });
    if (!stats || stats.isSymbolicLink() || (stats.mode & 0o077) === 0) continue;
    try {
      chmodSync(entry, stats.mode & 0o700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
