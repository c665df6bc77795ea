import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createChannelRegistry } from '../../src/pipeline/intake/channel-registry.ts';
import { createApp } from '../../src/api/app.ts';
import { LoginThrottle } from '../../src/api/auth/login-throttle.ts';
import { PasswordQueue } from '../../src/api/auth/password-queue.ts';
import { RequestLimits } from '../../src/api/request-limits.ts';
import type { RequestLimitOptions } from '../../src/api/request-limits.ts';
import type { AppDependencies } from '../../src/api/context.ts';
import type { Assess } from '../../src/pipeline/intake/ingest.ts';
import { RealtimeHub } from '../../src/api/realtime.ts';
import { createTestDatabase } from './database.ts';
import type { TestDatabase } from './database.ts';
import type { SeededUser } from './seed.ts';

export interface Caller {
  cookie?: string;
  csrfToken?: string;
  bearer?: string;
}

/** The real app over a real test database, driven in-process with app.request(). */
export async function createTestApi(
  options: {
    now?: () => Date;
    trustProxy?: boolean;
    requestLimits?: RequestLimitOptions;
    /** A built web app's folder, served at `/`. */
    webRoot?: string;
    /** Triage for what channels and uploads store (the server's loaded models); none by default. */
    assess?: Assess;
  } = {},
) {
  const database: TestDatabase = await createTestDatabase();
  const realtime = new RealtimeHub();
  const logger = pino({ level: 'silent' });
  await realtime.start(database.store, logger);
  const deps: AppDependencies = {
    store: database.store,
    logger,
    realtime,
    loginThrottle: new LoginThrottle(),
    passwordQueue: new PasswordQueue(),
    requestLimits: new RequestLimits(options.requestLimits),
    trustProxy: options.trustProxy ?? false,
    channels: {
      registry: createChannelRegistry(),
      secretKey: randomBytes(32),
      ...(options.assess ? { assess: options.assess } : {}),
    },
    secureCookies: false,
    now: options.now ?? (() => new Date()),
    webRoot: options.webRoot,
  };
  const app = createApp(deps);

  async function request(
    method: string,
    path: string,
    init: {
      as?: Caller;
      body?: unknown;
      rawBody?: string | Uint8Array<ArrayBuffer>;
      headers?: Record<string, string>;
    } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined || init.rawBody !== undefined)
      headers['content-type'] ??= 'application/json';
    if (init.as?.cookie) headers.cookie = init.as.cookie;
    if (init.as?.csrfToken && method !== 'GET') headers['x-csrf-token'] = init.as.csrfToken;
    if (init.as?.bearer) headers.authorization = `Bearer ${init.as.bearer}`;
    const response = await app.request(path, {
      method,
      headers,
      ...(init.rawBody !== undefined
        ? { body: init.rawBody }
        : init.body !== undefined
          ? { body: JSON.stringify(init.body) }
          : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      headers: response.headers,
      json: json as Record<string, unknown> & { error?: { code: string; message: string } },
      text,
    };
  }

  async function login(user: Pick<SeededUser, 'email' | 'password'>): Promise<Caller> {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    if (response.status !== 200)
      throw new Error(`login failed: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { csrfToken: string };
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, csrfToken: body.csrfToken };
  }

  return {
    app,
    deps,
    db: database.store.db,
    store: database.store,
    request,
    login,
    async close() {
      await realtime.stop();
      await database.close();
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
