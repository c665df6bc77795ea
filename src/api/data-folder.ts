import { mkdirSync } from 'node:fs';
import { makePrivate } from '../store/private-files.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

/**
 * Claims the embedded data folder for this process: owner-only modes for everything in it (the
 * database, the secret key), then the one-writer lock. Returns the function that releases the lock.
 */
export function claimDataFolder(dataDir: string, command: string): () => void {
  // Files PGlite and Earshot create from now on are 0600, folders 0700.
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireDataDirLock(dataDir, command);
  try {
    makePrivate(dataDir);
  } catch (error) {
    release();
    throw error;
  }
  return release;
}
