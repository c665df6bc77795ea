import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createFirstOwner } from '../app/workspaces/create-first-owner.ts';
import type { FirstOwner } from '../app/workspaces/create-first-owner.ts';
import { startOutboxWorker } from '../pipeline/outbox/outbox-worker.ts';
import type { OutboxWorker } from '../pipeline/outbox/outbox-worker.ts';
import { startSlaScheduler } from '../pipeline/sla/sla-scheduler.ts';
import type { SlaScheduler } from '../pipeline/sla/sla-scheduler.ts';
import { startAlertWorker } from '../pipeline/alerts/alert-worker.ts';
import { startReportFactsWorker } from '../pipeline/reporting/report-facts-worker.ts';
import { startSessionPurge } from '../pipeline/sessions/session-purge.ts';
import { createSenderResolver } from '../pipeline/outbox/senders.ts';
import {
  createChannelRegistry,
  createNetworkSenders,
} from '../pipeline/intake/channel-registry.ts';
import type { ChannelServices } from '../pipeline/intake/channel-registry.ts';
import { startChannelRunner } from '../pipeline/intake/channel-runner.ts';
import type { ChannelRunner } from '../pipeline/intake/channel-runner.ts';
import { loadSecretKey } from '../security/secrets.ts';
import { moveCredentialTermsToBrands } from '../pipeline/intake/credential-terms.ts';
import { createEgress } from '../security/egress.ts';
import { openStore } from '../store/connect.ts';
import type { Store } from '../store/connect.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { createTriageAssess } from '../pipeline/intake/assess.ts';
import type { Assess } from '../pipeline/intake/ingest.ts';
import { loadTriageModels } from '../triage/models.ts';
import { createApp } from './app.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { PasswordQueue } from './auth/password-queue.ts';
import { RequestLimits } from './request-limits.ts';
import type { AppDependencies } from './context.ts';
import { listenAdminSocket } from './admin-socket.ts';
import { claimDataFolder } from './data-folder.ts';
import { RealtimeHub } from './realtime.ts';
import { SsoProvider } from '../app/auth/sso-provider.ts';
import { ssoCallbackUrl } from './auth/sso-cookie.ts';

export const defaultWebRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface RunningEarshot {
  url: string;
  port: number;
  store: Store;
  deps: AppDependencies;
  firstOwner: FirstOwner | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Use this store instead of opening one from the config (tests). */
  store?: Store;
  now?: () => Date;
  webRoot?: string | undefined;
  /** Run the outbox sender in this process (default true). */
  outbox?: boolean;
  /** Run the SLA scheduler (warnings, escalations, follow-ups, follow-the-sun) here (default true). */
  slaScheduler?: boolean;
  /** Listen to connected channel accounts in this process (default true). */
  channelRunner?: boolean;
  /** Detect alerts and deliver them to webhooks and email here (default true). */
  alerts?: boolean;
  /** Keep the reporting facts current here (default true; reports also fold what is queued). */
  reportFacts?: boolean;
}

/** The triage models, loaded once; without them Earshot still runs, unlabelled, and says so. */
function loadAssess(logger: Logger): Assess | undefined {
  try {
    return createTriageAssess(loadTriageModels());
  } catch (error) {
    logger.warn({ err: error }, 'triage models could not be loaded; mentions will not be labelled');
    return undefined;
  }
}

/** Opens the database, migrates, bootstraps an empty one, and serves the API and web app. */
export async function startEarshot(options: StartOptions): Promise<RunningEarshot> {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const releaseLock =
    options.store || config.databaseUrl
      ? undefined
      : claimDataFolder(config.dataDir, 'earshot start');
  try {
    return await startWithLock(options, now, releaseLock);
  } catch (error) {
    releaseLock?.();
    throw error;
  }
}

async function startWithLock(
  options: StartOptions,
  now: () => Date,
  releaseLock: (() => void) | undefined,
): Promise<RunningEarshot> {
  const { config, logger } = options;
  const store =
    options.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
      logger,
    }));
  await migrateToLatest(store.db);
  const assess = loadAssess(logger);
  const firstOwner = await createFirstOwner(store.db, config, now(), assess);

  // One egress policy for every outbound request; the older alerts-only opt-in still widens it
  // for alert webhooks alone.
  const egress = createEgress({ allowPrivate: config.allowPrivateEgress });
  const alertEgress = config.alertAllowPrivate ? createEgress({ allowPrivate: true }) : egress;
  const channels: ChannelServices = {
    registry: createChannelRegistry({ egress }),
    secretKey: loadSecretKey({
      secretKey: config.secretKey,
      dataDir: config.dataDir,
    }),
    assess,
  };
  // Keyword lists that lived in channel credentials now live on the brand (issue 14).
  await moveCredentialTermsToBrands(store.db, channels.secretKey, logger);
  const realtime = new RealtimeHub();
  await realtime.start(store, logger);
  const deps: AppDependencies = {
    store,
    logger,
    realtime,
    loginThrottle: new LoginThrottle(),
    passwordQueue: new PasswordQueue(),
    requestLimits: new RequestLimits(config.requestLimits),
    trustProxy: config.trustProxy,
    channels,
    secureCookies: config.publicUrl?.startsWith('https:') ?? false,
    alertEgress,
    accounts: {
      sessionIdleMs: config.sessionIdleMs,
      sessionLifetimeMs: config.sessionLifetimeMs,
      publicUrl: config.publicUrl,
      smtp: config.smtpUrl ? { url: config.smtpUrl, from: config.alertFrom } : undefined,
    },
    sso:
      config.oidc && config.publicUrl
        ? new SsoProvider({
            ...config.oidc,
            redirectUri: ssoCallbackUrl(config.publicUrl),
          })
        : undefined,
    now,
    webRoot:
      options.webRoot === undefined && !('webRoot' in options) ? defaultWebRoot : options.webRoot,
  };
  const app = createApp(deps);
  const outbox: OutboxWorker | undefined =
    options.outbox === false
      ? undefined
      : await startOutboxWorker({
          store,
          resolveSender: createSenderResolver(createNetworkSenders(store.db, channels)),
          logger,
        });

  const slaScheduler: SlaScheduler | undefined =
    options.slaScheduler === false ? undefined : await startSlaScheduler({ store, logger, now });

  const alerts =
    options.alerts === false
      ? undefined
      : await startAlertWorker({
          store,
          logger,
          now,
          delivery: {
            secretKey: channels.secretKey,
            smtp: config.smtpUrl ? { url: config.smtpUrl, from: config.alertFrom } : undefined,
            egress: alertEgress,
          },
        });

  const reportFacts =
    options.reportFacts === false ? undefined : await startReportFactsWorker({ store, logger });

  // Cheap and idempotent: every process purges, whatever else it runs.
  const sessionPurge = await startSessionPurge({
    store,
    logger,
    now,
    idleMs: config.sessionIdleMs,
  });

  const channelRunner: ChannelRunner | undefined =
    options.channelRunner === false
      ? undefined
      : await startChannelRunner({ store, services: channels, logger });

  // Our own data folder: `earshot backup` asks this process for a copy while it runs.
  const adminSocket = releaseLock
    ? await listenAdminSocket(config.dataDir, store, logger)
    : undefined;

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(started),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, store: store.kind }, 'Earshot is listening');

  return {
    url,
    port,
    store,
    deps,
    firstOwner,
    async close() {
      // Stop taking requests, let streams end, stop workers, then close the database.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await adminSocket?.close();
      await channelRunner?.stop();
      await outbox?.stop();
      await slaScheduler?.stop();
      await alerts?.stop();
      await reportFacts?.stop();
      await sessionPurge.stop();
      await realtime.stop();
      if (!options.store) await store.close();
      releaseLock?.();
    },
  };
}
