import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, lockFileName } from './data-dir-lock.ts';

let dataDir: string;
let lockFile: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-lock-'));
  lockFile = path.join(dataDir, lockFileName);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** A pid that no process has: a child that already ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the data folder lock', () => {
  it('is taken, names its holder, and is gone once released', () => {
    const release = acquireDataDirLock(dataDir, 'earshot import');
    const held = JSON.parse(readFileSync(lockFile, 'utf8')) as Record<string, unknown>;
    expect(held).toMatchObject({ pid: process.pid, command: 'earshot import' });
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('refuses while a live process holds it, naming the pid and command', () => {
    // Our parent is alive and is not us.
    writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, command: 'earshot start' }));
    expect(() => acquireDataDirLock(dataDir, 'earshot user create')).toThrow(DataDirBusyError);
    expect(() => acquireDataDirLock(dataDir, 'earshot user create')).toThrow(
      `is in use by Earshot (pid ${process.ppid}, "earshot start")`,
    );
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('takes over a lock left by a process that died, in either file format', async () => {
    const pid = await deadPid();
    for (const stale of [String(pid), JSON.stringify({ pid, command: 'earshot start' }), 'junk']) {
      writeFileSync(lockFile, stale);
      const release = acquireDataDirLock(dataDir, 'earshot migrate');
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
      release();
    }
  });

  it('never releases a lock another process has taken since', () => {
    const release = acquireDataDirLock(dataDir, 'earshot import');
    const other = JSON.stringify({ pid: process.ppid, command: 'earshot start' });
    writeFileSync(lockFile, other);
    release();
    expect(readFileSync(lockFile, 'utf8')).toBe(other);
  });

  it('lets exactly one of several processes starting at once take it', async () => {
    const module = path.join(import.meta.dirname, 'data-dir-lock.ts');
    // Each child waits for the same moment, tries, says whether it won, and holds on a while.
    const at = Date.now() + 1500;
    const script = `
      const { acquireDataDirLock } = await import(${JSON.stringify(module)});
      while (Date.now() < ${at});
      try { acquireDataDirLock(${JSON.stringify(dataDir)}, 'earshot test'); console.log('won'); }
      catch (error) { console.log(error.name === 'DataDirBusyError' ? 'busy' : String(error)); }
      await new Promise((resolve) => setTimeout(resolve, 1500));`;
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        await new Promise((resolve) => child.once('exit', resolve));
        return output.trim();
      }),
    );
    expect(outcomes.sort()).toEqual(['busy', 'busy', 'busy', 'busy', 'busy', 'won']);
    expect(existsSync(lockFile)).toBe(false);
  });
});
