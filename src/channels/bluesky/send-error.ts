import { XRPCError } from '@atproto/api';
import { egressRefusalIn } from '../../security/egress.ts';
import { ChannelSendError } from '../channel.ts';

/**
 * Maps what went wrong talking to the PDS to a ChannelSendError: rate limits (429), server errors
 * (5xx) and the network failing are worth retrying; any other refusal (4xx) will fail the same
 * way again.
 */
export function toChannelSendError(
  error: unknown,
  doing: string,
  now: Date = new Date(),
): ChannelSendError {
  if (error instanceof ChannelSendError) return error;
  // Refused by the egress policy before connecting: no retry can change that.
  const refusal = egressRefusalIn(error);
  if (refusal)
    return new ChannelSendError(`${doing}: ${refusal.message}`, { retryable: false, cause: error });
  if (error instanceof XRPCError) {
    const detail = `${doing}: Bluesky answered ${error.status} ${error.error}${error.message ? ` (${error.message})` : ''}`;
    if (error.status === 429) {
      return new ChannelSendError(detail, {
        retryable: true,
        retryAfterSeconds: retryAfterSeconds(error.headers, now),
        cause: error,
      });
    }
    // 1 = no response at all, 2 = a response that was not what the protocol says.
    const retryable = error.status >= 500 || error.status === 1 || error.status === 2;
    return new ChannelSendError(detail, { retryable, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ChannelSendError(`${doing}: ${message}`, { retryable: true, cause: error });
}

/** Retry-After (seconds or an HTTP date), else the rate-limit window's reset (epoch seconds). */
function retryAfterSeconds(
  headers: Record<string, string | undefined> | undefined,
  now: Date,
): number | undefined {
  const retryAfter = headers?.['retry-after'];
  if (retryAfter !== undefined) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
  }
  const reset = headers?.['ratelimit-reset'];
  if (reset !== undefined && /^\d+$/.test(reset.trim())) {
    return Math.max(0, Number(reset.trim()) - Math.floor(now.getTime() / 1000));
  }
  return undefined;
}
