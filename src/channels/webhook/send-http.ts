import type { z } from 'zod';
import { createEgressFetch } from '../../security/egress-fetch.ts';
import { EgressRefusedError } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import { ChannelSendError } from '../channel.ts';

interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, or undefined when it was not JSON. */
  json: unknown;
}

interface SendHttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The caller's own deadline (the outbox's), besides `timeoutMs`. */
  signal?: AbortSignal;
  now: () => Date;
  /** Names the network in error messages. */
  label: string;
  /** Where the call may go (security/egress.ts); redirects are never followed. */
  egress: Egress;
}

/**
 * One HTTP call on the way out, shared by the channels that speak plain HTTP. What any API
 * means by a failure is decided here once: no answer, a timeout, 429 and 5xx may pass if tried
 * again (with the wait the network asked for); other answers go back to the caller, who knows
 * the network's error format. Every call goes through the egress policy.
 */
export async function sendHttp(url: string, options: SendHttpOptions): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await createEgressFetch(options.egress)(url, {
      method: options.method ?? 'POST',
      headers: options.headers,
      body: options.body,
      signal: options.signal
        ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
        : AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    // An internal or non-https destination: no retry can change that.
    if (error instanceof EgressRefusedError)
      throw new ChannelSendError(`${options.label} is refused: ${error.message}`, {
        retryable: false,
        cause: error,
      });
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? 'timed out'
        : 'could not be reached';
    throw new ChannelSendError(`${options.label} ${reason}`, { retryable: true, cause: error });
  }
  const text = await response.text().catch(() => '');
  const answer = { status: response.status, headers: response.headers, json: parseJson(text) };
  if (response.status === 429 || response.status >= 500) {
    throw new ChannelSendError(`${options.label} answered HTTP ${response.status}`, {
      retryable: true,
      retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), options.now()),
    });
  }
  return answer;
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Credentials checked at send time: invalid ones are a send failure that no retry can fix. */
export function credentialsForSend<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues
    .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
  throw new ChannelSendError(`invalid credentials: ${detail}`, { retryable: false });
}
