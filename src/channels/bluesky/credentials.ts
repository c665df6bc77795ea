import { z } from 'zod';

/** Where the public network's relay serves the firehose. */
export const defaultFirehoseUrl = 'wss://bsky.network';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const blueskyCredentialsSchema = z.object({
  /** The brand account's PDS, e.g. https://bsky.social. */
  service: httpUrl,
  /** The brand's handle or DID. */
  identifier: z.string().trim().min(1, 'must not be empty'),
  /** An app password, never the account's main password. */
  appPassword: z.string().min(1, 'must not be empty'),
  /** A relay (or PDS) serving com.atproto.sync.subscribeRepos. */
  firehoseUrl: z.url({ protocol: /^wss?$/, error: 'must be a ws(s) URL' }).optional(),
  /** The PLC directory used to resolve DIDs (defaults to the public one). */
  plcUrl: httpUrl.optional(),
  /** The brand's DID, when known; otherwise resolved from the identifier. */
  brandDid: z
    .string()
    .regex(/^did:[a-z]+:[a-zA-Z0-9._:%-]+$/, 'must be a DID')
    .optional(),
});

export type BlueskyCredentials = z.input<typeof blueskyCredentialsSchema>;
export type ValidBlueskyCredentials = z.output<typeof blueskyCredentialsSchema>;

/** Thrown when credentials are malformed or the network refuses them. */
export class BlueskyCredentialsError extends Error {
  readonly code: 'invalid_credentials' | 'login_failed';
  constructor(
    code: BlueskyCredentialsError['code'],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BlueskyCredentialsError';
    this.code = code;
  }
}

/** Validates credentials' shape, naming every bad field in one message. */
export function parseBlueskyCredentials(input: unknown): ValidBlueskyCredentials {
  const result = blueskyCredentialsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'credentials'}: ${issue.message}`,
  );
  throw new BlueskyCredentialsError(
    'invalid_credentials',
    `Invalid Bluesky credentials: ${problems.join('; ')}`,
  );
}
