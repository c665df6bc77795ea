import path from 'node:path';
import { z } from 'zod';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  EARSHOT_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  EARSHOT_ADMIN_EMAIL: z.email().optional(),
  EARSHOT_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  EARSHOT_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  EARSHOT_PUBLIC_URL: z.url().optional(),
  EARSHOT_DEMO: z.enum(['true', 'false']).default('true'),
  EARSHOT_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  EARSHOT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  EARSHOT_ALERT_FROM: z.string().min(3).default('Earshot <earshot@localhost>'),
  EARSHOT_ALLOW_PRIVATE_EGRESS: z.enum(['true', 'false', '1', '0']).default('false'),
  EARSHOT_ALERT_ALLOW_PRIVATE: z.enum(['true', 'false', '1', '0']).default('false'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  EARSHOT_SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(12),
  EARSHOT_SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(14),
  EARSHOT_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(3000),
  EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  EARSHOT_OIDC_ISSUER: z
    .url()
    .refine(
      (value) =>
        value.startsWith('https:') ||
        /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(value),
      'must be an https:// URL (plain http only for a provider on this machine)',
    )
    .optional(),
  EARSHOT_OIDC_CLIENT_ID: z.string().min(1).optional(),
  EARSHOT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

/** Everything Earshot reads from its environment, validated once. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  secretKey: string | undefined;
  /** Where browsers reach Earshot; https here makes session cookies Secure. */
  publicUrl: string | undefined;
  demo: boolean;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For's last entry. */
  trustProxy: boolean;
  logLevel: (typeof logLevels)[number];
  /** The SMTP server alert emails go through (smtp://user:pass@host:port); unset sends none. */
  smtpUrl: string | undefined;
  /** The From of alert emails. */
  alertFrom: string;
  /**
   * Every outbound request (channels, replies, alerts) may reach loopback, private and link-local
   * addresses and use plain http/ws (off: only public addresses over https).
   */
  allowPrivateEgress: boolean;
  /** The older, alerts-only opt-in (EARSHOT_ALERT_ALLOW_PRIVATE): alert webhooks alone get it. */
  alertAllowPrivate: boolean;
  /** A session unused this long ends (EARSHOT_SESSION_IDLE_HOURS, default 12 h). */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however used (EARSHOT_SESSION_MAX_DAYS, 14 days). */
  sessionLifetimeMs: number;
  /**
   * Requests per minute with one session or API token (EARSHOT_REQUESTS_PER_MINUTE, 3,000), and
   * from one address without credentials (EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE, 1,200).
   */
  requestLimits: { callerPerMinute: number; anonymousPerMinute: number };
  /**
   * The OpenID Connect provider people may sign in with (EARSHOT_OIDC_ISSUER, _CLIENT_ID,
   * _CLIENT_SECRET, set together); undefined: no single sign-on.
   */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
}

/** Thrown with one line per bad variable, so an operator can fix them all at once. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function readConfig(environment: Record<string, string | undefined> = process.env): Config {
  const withoutBlanks = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(withoutBlanks);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  if (Boolean(env.EARSHOT_ADMIN_EMAIL) !== Boolean(env.EARSHOT_ADMIN_PASSWORD)) {
    throw new ConfigError(['EARSHOT_ADMIN_EMAIL and EARSHOT_ADMIN_PASSWORD must be set together']);
  }
  const oidcSet = [
    env.EARSHOT_OIDC_ISSUER,
    env.EARSHOT_OIDC_CLIENT_ID,
    env.EARSHOT_OIDC_CLIENT_SECRET,
  ];
  if (oidcSet.some(Boolean) && !oidcSet.every(Boolean)) {
    throw new ConfigError([
      'EARSHOT_OIDC_ISSUER, EARSHOT_OIDC_CLIENT_ID and EARSHOT_OIDC_CLIENT_SECRET must be set together',
    ]);
  }
  if (env.EARSHOT_OIDC_ISSUER && !env.EARSHOT_PUBLIC_URL) {
    throw new ConfigError([
      'EARSHOT_PUBLIC_URL must be set for single sign-on: the provider sends browsers back to it',
    ]);
  }
  return Object.freeze({
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.EARSHOT_DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    adminEmail: env.EARSHOT_ADMIN_EMAIL,
    adminPassword: env.EARSHOT_ADMIN_PASSWORD,
    secretKey: env.EARSHOT_SECRET_KEY,
    publicUrl: env.EARSHOT_PUBLIC_URL,
    demo: env.EARSHOT_DEMO === 'true',
    trustProxy: env.EARSHOT_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL,
    smtpUrl: env.EARSHOT_SMTP_URL,
    alertFrom: env.EARSHOT_ALERT_FROM,
    allowPrivateEgress: ['true', '1'].includes(env.EARSHOT_ALLOW_PRIVATE_EGRESS),
    alertAllowPrivate: ['true', '1'].includes(env.EARSHOT_ALERT_ALLOW_PRIVATE),
    sessionIdleMs: env.EARSHOT_SESSION_IDLE_HOURS * 60 * 60 * 1000,
    sessionLifetimeMs: env.EARSHOT_SESSION_MAX_DAYS * 24 * 60 * 60 * 1000,
    requestLimits: {
      callerPerMinute: env.EARSHOT_REQUESTS_PER_MINUTE,
      anonymousPerMinute: env.EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE,
    },
    oidc:
      env.EARSHOT_OIDC_ISSUER && env.EARSHOT_OIDC_CLIENT_ID && env.EARSHOT_OIDC_CLIENT_SECRET
        ? {
            issuer: env.EARSHOT_OIDC_ISSUER,
            clientId: env.EARSHOT_OIDC_CLIENT_ID,
            clientSecret: env.EARSHOT_OIDC_CLIENT_SECRET,
          }
        : undefined,
  });
}
