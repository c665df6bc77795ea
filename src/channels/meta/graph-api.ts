import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Egress } from '../../security/egress.ts';
import { ChannelSendError } from '../channel.ts';
import { sendHttp } from '../webhook/send-http.ts';

export interface GraphOptions {
  baseUrl: string;
  accessToken: string;
  appSecret: string;
  timeoutMs: number;
  /** The outbox's deadline for a send or lookup. */
  signal?: AbortSignal;
  now: () => Date;
  egress: Egress;
}

const graphErrorSchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

// Graph API error codes that mean "later", not "never": temporary faults and rate limits.
const transientCodes = new Set([1, 2, 4, 17, 32, 341, 613]);
const isBusinessRateLimit = (code: number) => code >= 80001 && code <= 80014;

/**
 * Calls the Graph API with the Page token in a header (kept out of URLs and logs) and
 * appsecret_proof, which Meta checks so a leaked token alone cannot be used elsewhere.
 */
export async function graphRequest(
  method: 'GET' | 'POST',
  path: string,
  options: GraphOptions,
  body?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const url = new URL(`${options.baseUrl.replace(/\/$/, '')}/${path.replace(/^\//, '')}`);
  url.searchParams.set(
    'appsecret_proof',
    createHmac('sha256', options.appSecret).update(options.accessToken).digest('hex'),
  );
  const answer = await sendHttp(url.toString(), {
    method,
    headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    now: options.now,
    label: 'the Graph API',
    egress: options.egress,
  });
  const graphError = graphErrorSchema.safeParse(answer.json);
  if (answer.status >= 400 || graphError.success) {
    const error = graphError.success ? graphError.data.error : {};
    const code = error.code ?? 0;
    const retryable =
      error.is_transient === true || transientCodes.has(code) || isBusinessRateLimit(code);
    throw new ChannelSendError(
      `Graph API error${error.code === undefined ? '' : ` ${error.code}`}${error.type ? ` (${error.type})` : ''}: ${error.message ?? `HTTP ${answer.status}`}`,
      {
        retryable,
        retryAfterSeconds: retryable ? regainAccessSeconds(answer.headers) : undefined,
        cause: error,
      },
    );
  }
  if (typeof answer.json !== 'object' || answer.json === null) {
    throw new ChannelSendError('Graph API answered without a JSON object', { retryable: false });
  }
  return answer.json as Record<string, unknown>;
}

/** Meta reports when a throttled app may call again in usage headers, in minutes. */
function regainAccessSeconds(headers: Headers): number | undefined {
  const header = headers.get('x-business-use-case-usage');
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<
      string,
      { estimated_time_to_regain_access?: number }[]
    >;
    const minutes = Object.values(usage)
      .flat()
      .map((item) => item.estimated_time_to_regain_access ?? 0);
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? longest * 60 : undefined;
  } catch {
    return undefined;
  }
}
