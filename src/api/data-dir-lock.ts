import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const lockFileName = 'earshot.pid';

/** Who holds a data folder: read from its lock file. */
export interface LockHolder {
  pid: number;
  /** e.g. "earshot start"; "earshot" for a lock file written by an older version. */
  command: string;
  startedAt: string | undefined;
}

/** The folder is open in another live process; nothing was opened or written. */
export class DataDirBusyError extends Error {
  readonly holder: LockHolder;
  readonly lockFile: string;
  constructor(dataDir: string, lockFile: string, holder: LockHolder) {
    const since = holder.startedAt ? ` since ${holder.startedAt}` : '';
    super(`${dataDir} is in use by Earshot (pid ${holder.pid}, "${holder.command}"${since})`);
    this.name = 'DataDirBusyError';
    this.holder = holder;
    this.lockFile = lockFile;
  }

  /** True when the holder is a server (it can be asked over its admin socket). */
  get heldByServer(): boolean {
    return this.holder.command === 'earshot start';
  }
}

/**
 * PGlite is one process's database: a second process on the same data folder would lose or
 * corrupt what either writes. Every process that opens the folder takes this lock first.
 *
 * The lock file is created complete and atomically (written aside, then hard-linked into place,
 * which fails if it exists), so two processes starting at once never both win. A lock left by a
 * process that died is recognised by its pid no longer running, and moved aside atomically.
 * Returns the function that releases it; it is also released when the process exits.
 */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dataDir, lockFileName);
  const nonce = randomBytes(8).toString('hex');
  const mine = JSON.stringify({
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    nonce,
  });
  const draft = path.join(dataDir, `.${lockFileName}.${nonce}`);
  writeFileSync(draft, `${mine}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        linkSync(draft, lockFile);
        return releaser(lockFile, mine);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = readText(lockFile);
      if (text === undefined) continue; // released meanwhile: try again
      const holder = parseHolder(text);
      // The same pid is a lock left by an earlier run (a container restarts as pid 1).
      if (holder && holder.pid !== process.pid && isAlive(holder.pid))
        throw new DataDirBusyError(dataDir, lockFile, holder);
      moveStaleLock(lockFile, text, nonce);
    }
    throw new Error(`could not take the lock ${lockFile}: other processes keep taking it`);
  } finally {
    rmSync(draft, { force: true });
  }
}

function releaser(lockFile: string, mine: string): () => void {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never one another process took after ours was (wrongly) moved aside.
    if (readText(lockFile)?.trim() === mine) rmSync(lockFile, { force: true });
  };
  process.on('exit', release);
  return release;
}

/**
 * Renames the stale lock aside (atomic), then checks that what moved is the stale one: if another
 * process replaced it in between, its fresh lock is linked back.
 */
function moveStaleLock(lockFile: string, staleText: string, nonce: string): void {
  const aside = `${lockFile}.stale.${nonce}`;
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readText(aside) !== staleText) linkSync(aside, lockFile);
  } catch {
    // Someone holds it again; the next attempt reads who.
  } finally {
    rmSync(aside, { force: true });
  }
}

function parseHolder(text: string): LockHolder | undefined {
  const trimmed = text.trim();
  // Before the lock held JSON it held the pid alone.
  if (/^\d+$/.test(trimmed))
    return { pid: Number(trimmed), command: 'earshot', startedAt: undefined };
  try {
    const parsed = JSON.parse(trimmed) as Partial<LockHolder>;
    if (!Number.isInteger(parsed.pid) || parsed.pid! <= 0) return undefined;
    return {
      pid: parsed.pid!,
      command: typeof parsed.command === 'string' ? parsed.command : 'earshot',
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : undefined,
    };
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
