import { lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runEarshot } from '../helpers/cli.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import type { ServerProcess, Session } from '../helpers/server-process.ts';

// `earshot backup` copies the embedded database consistently while the server keeps writing (the
// server makes the copy, asked over its admin socket); `earshot restore` puts it in a fresh
// folder, which then starts, migrates and holds every write acknowledged before the backup began.

vi.setConfig({ testTimeout: 600_000 });

const folders: string[] = [];
const folder = (name: string) => {
  const made = mkdtempSync(path.join(tmpdir(), `earshot-${name}-`));
  folders.push(made);
  return made;
};
afterAll(() => {
  for (const made of folders) rmSync(made, { recursive: true, force: true });
});

const owner = {
  EARSHOT_ADMIN_EMAIL: 'owner@example.test',
  EARSHOT_ADMIN_PASSWORD: 'a-long-password-1',
};
const on = (directory: string) => ({ directory, url: undefined });

async function api(
  server: ServerProcess,
  session: Session,
  method: string,
  route: string,
  body?: unknown,
) {
  return fetch(`${server.url}/api/v1/workspaces/${session.workspaceIds[0]}${route}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

describe('earshot backup and restore', () => {
  it('tells PostgreSQL users to use pg_dump and pg_restore', async () => {
    const postgres = { DATABASE_URL: 'postgres://earshot@127.0.0.1:1/none' };
    for (const command of ['backup', 'restore']) {
      const result = await runEarshot(on(folder('pg')), [command, 'backup.tgz'], postgres);
      expect(result.code, command).not.toBe(0);
      expect(result.stderr).toMatch(/pg_dump.*pg_restore/);
    }
  });

  it('backs up during writes, and the restored copy starts with every acknowledged row', async () => {
    const dataDir = folder('backup');
    const file = path.join(folder('backup-file'), 'earshot.tgz');
    const server = await startServerProcess(dataDir, owner);
    const acknowledged: { name: string; at: number }[] = [];
    let writing = true;
    let writer: Promise<void> = Promise.resolve();
    let startedAt = 0;
    try {
      const session = await server.login(owner.EARSHOT_ADMIN_EMAIL, owner.EARSHOT_ADMIN_PASSWORD);
      writer = (async () => {
        for (let i = 0; writing; i++) {
          const name = `Brand ${i}`;
          const response = await api(server, session, 'POST', '/brands', { name });
          expect(response.status).toBe(201);
          acknowledged.push({ name, at: performance.now() });
        }
      })();
      await vi.waitFor(() => expect(acknowledged.length).toBeGreaterThanOrEqual(20), {
        timeout: 60_000,
      });

      startedAt = performance.now();
      const backup = await runEarshot(on(dataDir), ['backup', file]);
      expect(backup.code, backup.stderr).toBe(0);
      expect(JSON.parse(backup.stdout)).toMatchObject({
        file,
        from: `the running server (pid ${server.pid})`,
      });
      expect(lstatSync(file).mode & 0o077).toBe(0);
      const writtenDuringBackup = acknowledged.filter((write) => write.at > startedAt).length;
      expect(writtenDuringBackup).toBeGreaterThan(0);

      // Restoring under a running server is refused, and changes nothing.
      const underServer = await runEarshot(on(dataDir), ['restore', '--force', file]);
      expect(underServer.code).not.toBe(0);
      expect(underServer.stderr).toContain(`in use by Earshot (pid ${server.pid}`);
    } finally {
      writing = false;
      await writer;
      expect(await server.stop()).toBe(0);
    }
    const before = acknowledged.filter((write) => write.at < startedAt).map((write) => write.name);

    const fresh = folder('restored');
    const restore = await runEarshot(on(fresh), ['restore', file]);
    expect(restore.code, restore.stderr).toBe(0);
    // A second restore would replace that database: refused without --force.
    const again = await runEarshot(on(fresh), ['restore', file]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('--force');

    const restored = await startServerProcess(fresh);
    try {
      expect((await fetch(`${restored.url}/ready`)).status).toBe(200);
      const session = await restored.login(owner.EARSHOT_ADMIN_EMAIL, owner.EARSHOT_ADMIN_PASSWORD);
      const brands = (await (await api(restored, session, 'GET', '/brands')).json()) as {
        items: { name: string }[];
      };
      const names = new Set(brands.items.map((brand) => brand.name));
      expect(before.filter((name) => !names.has(name))).toEqual([]);
    } finally {
      await restored.stop();
    }

    // Without a server, backup takes the folder itself; restore --force replaces a database.
    const offline = `${file}.offline`;
    expect((await runEarshot(on(fresh), ['backup', offline])).code).toBe(0);
    const forced = await runEarshot(on(dataDir), ['restore', '--force', offline]);
    expect(forced.code, forced.stderr).toBe(0);
  });
});
