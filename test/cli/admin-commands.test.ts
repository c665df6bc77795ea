import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The real `earshot` command in a child process, on a PGlite folder of its own.
const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
// Each step starts a Node process (and most open the database): allow for a busy machine.
vi.setConfig({ testTimeout: 180_000 });

async function earshot(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/earshot.js', ...args], {
      env: { ...process.env, EARSHOT_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the earshot command', () => {
  it('lists its commands, and each has --help', async () => {
    const help = await earshot('--help');
    expect(help.code).toBe(0);
    for (const command of ['start', 'migrate', 'user', 'workspace', 'triage'])
      expect(help.stdout).toContain(command);
    for (const command of [['start'], ['migrate'], ['user', 'create'], ['workspace', 'create']]) {
      const sub = await earshot(...command, '--help');
      expect(sub.code, command.join(' ')).toBe(0);
      expect(sub.stdout).toMatch(/Usage: earshot/);
    }
  });

  it('migrates, creates a user and a workspace they own, and refuses duplicates clearly', async () => {
    const migrate = await earshot('migrate');
    expect(migrate.stdout).toMatch(
      /applied: 0001-foundation, 0002-channel-accounts|schema is up to date/,
    );
    expect((await earshot('migrate')).stdout).toContain('schema is up to date');

    const user = await earshot(
      'user',
      'create',
      '--email',
      'ana@example.com',
      '--name',
      'Ana',
      '--password',
      'a-long-password-1',
    );
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: 'ana@example.com' });

    const workspace = await earshot(
      'workspace',
      'create',
      '--name',
      'Client A',
      '--owner',
      'ana@example.com',
    );
    expect(workspace.code).toBe(0);
    expect(JSON.parse(workspace.stdout)).toMatchObject({
      name: 'Client A',
      owner: 'ana@example.com',
    });

    const agent = await earshot(
      'user',
      'create',
      '--email',
      'ben@example.com',
      '--password',
      'another-long-pass',
      '--workspace',
      'Client A',
      '--role',
      'viewer',
    );
    expect(JSON.parse(agent.stdout)).toMatchObject({ workspace: 'Client A', role: 'viewer' });

    const again = await earshot(
      'user',
      'create',
      '--email',
      'ana@example.com',
      '--password',
      'a-long-password-1',
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const sameName = await earshot(
      'workspace',
      'create',
      '--name',
      'Client A',
      '--owner',
      'ana@example.com',
    );
    expect(sameName.stderr).toContain('already exists');
  });

  it('prints a one-time reset link, and deactivates a user but never the last owner', async () => {
    const reset = await earshot('user', 'reset-password', '--email', 'ben@example.com');
    expect(reset.code, reset.stderr).toBe(0);
    const printed = JSON.parse(reset.stdout) as { link: string; expiresAt: string };
    expect(printed.link).toMatch(/^http:\/\/localhost:3000\/reset-password#esr_[\w-]{40,}$/);
    expect(Date.parse(printed.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    const unknown = await earshot('user', 'reset-password', '--email', 'nobody@example.com');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no active user with email nobody@example.com/);

    const lastOwner = await earshot('user', 'deactivate', '--email', 'ana@example.com');
    expect(lastOwner.code).not.toBe(0);
    expect(lastOwner.stderr).toMatch(/last owner/);
    const gone = await earshot('user', 'deactivate', '--email', 'ben@example.com');
    expect(gone.code, gone.stderr).toBe(0);
    expect(JSON.parse(gone.stdout)).toEqual({
      email: 'ben@example.com',
      deactivated: true,
      conversationsReleased: 0,
    });
    const noReset = await earshot('user', 'reset-password', '--email', 'ben@example.com');
    expect(noReset.stderr).toMatch(/no active user/);
  });

  it('explains each mistake in one line and exits non-zero', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['user', 'create', '--email', 'not-an-email', '--password', 'long-enough-pass'],
        /not an email address/,
      ],
      [
        ['user', 'create', '--email', 'c@example.com', '--password', 'short'],
        /at least 12 characters/,
      ],
      [
        [
          'user',
          'create',
          '--email',
          'c@example.com',
          '--password',
          'long-enough-pass',
          '--role',
          'king',
        ],
        /--role must be one of/,
      ],
      [
        [
          'user',
          'create',
          '--email',
          'c@example.com',
          '--password',
          'long-enough-pass',
          '--workspace',
          'Nope',
        ],
        /no workspace named "Nope"/,
      ],
      [
        ['workspace', 'create', '--name', 'B', '--owner', 'nobody@example.com'],
        /no user with email/,
      ],
      [['workspace', 'create', '--owner', 'ana@example.com'], /required option '--name <name>'/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const result = await earshot(...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack traces for user mistakes
    }
  });

  it('names a bad environment variable', async () => {
    const { stderr, code } = await run(process.execPath, ['bin/earshot.js', 'migrate'], {
      env: { ...process.env, PORT: 'eighty', EARSHOT_DATA_DIR: dataDir },
    }).then(
      (r) => ({ ...r, code: 0 }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/invalid configuration:\n\s+- PORT/);
  });
});
