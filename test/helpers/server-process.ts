import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface Session {
  cookie: string;
  csrfToken: string;
  workspaceIds: string[];
}

/** A real `earshot start` in a child process. */
export interface ServerProcess {
  pid: number;
  url: string;
  /** Logs in through the API; returns what authenticates later calls. */
  login(email: string, password: string): Promise<Session>;
  /** SIGTERM, then waits for the process to end; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['bin/earshot.js', 'start', '--port', '0', '--no-outbox'], {
    cwd: root,
    env: {
      ...process.env,
      EARSHOT_DATA_DIR: dataDir,
      DATABASE_URL: '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // The demo's 90 days of history take a while to seed; a test that wants it says so.
      EARSHOT_DEMO: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      child.stdout.off('data', onData);
      resolve({
        pid: child.pid!,
        url,
        async login(email, password) {
          const response = await fetch(`${url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password }),
          });
          if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
          const body = (await response.json()) as {
            csrfToken: string;
            memberships: { workspaceId: string }[];
          };
          const cookie = response.headers
            .getSetCookie()
            .map((c) => c.split(';')[0])
            .join('; ');
          const workspaceIds = body.memberships.map((m) => m.workspaceId);
          return { cookie, csrfToken: body.csrfToken, workspaceIds };
        },
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`earshot start exited (${code}): ${output}`)));
  });
}
