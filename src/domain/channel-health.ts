/**
 * Whether a listening source is healthy, from what it reported: connection errors, and signs of
 * life (`onAlive`: a frame, a poll answer, a keep-alive). Pure: state in, state out, time given.
 *
 * - Connection errors for `errorWindowMs` in a row (nothing heard in between) → error, with the
 *   last error as the reason.
 * - A source that has said it is alive at least once is expected to stay so (a firehose or a
 *   stream always has traffic; a poller is alive on every successful poll): nothing heard for
 *   `silenceWindowMs` → error.
 * - A source that never called `onAlive` is "unknown": only connection errors can fail it, so a
 *   source that does not report life is never taken for silent.
 * - Anything heard after → healthy again.
 */

export interface ChannelHealthConfig {
  errorWindowMs: number;
  silenceWindowMs: number;
}

export const defaultChannelHealthConfig: ChannelHealthConfig = {
  errorWindowMs: 30_000,
  silenceWindowMs: 60_000,
};

export interface ChannelHealthState {
  /** When the source last heard from the network; undefined while it never said. */
  lastAliveAt?: number;
  /** Start of the current run of connection errors (none since the last sign of life). */
  failingSince?: number;
  lastError?: string;
  /** When watching began (the first start of the source). */
  watchedSince: number;
}

export type ChannelHealthVerdict = { healthy: true } | { healthy: false; reason: string };

export function watchChannel(at: Date): ChannelHealthState {
  return { watchedSince: at.getTime() };
}

/** The source heard from the network: any run of errors is over. */
export function heardAlive(state: ChannelHealthState, at: Date): ChannelHealthState {
  return { watchedSince: state.watchedSince, lastAliveAt: at.getTime() };
}

/** A connection error: starts (or continues) a run of errors. */
export function heardError(state: ChannelHealthState, error: string, at: Date): ChannelHealthState {
  return { ...state, failingSince: state.failingSince ?? at.getTime(), lastError: error };
}

/** Events were delivered: the connection works, even from a source that never reports life. */
export function heardEvents(state: ChannelHealthState): ChannelHealthState {
  const { failingSince: _failing, lastError: _error, ...rest } = state;
  return rest;
}

export function judgeChannelHealth(
  state: ChannelHealthState,
  now: Date,
  config: ChannelHealthConfig = defaultChannelHealthConfig,
): ChannelHealthVerdict {
  const at = now.getTime();
  if (state.failingSince !== undefined && at - state.failingSince >= config.errorWindowMs)
    return {
      healthy: false,
      reason: `cannot connect for ${seconds(at - state.failingSince)}: ${state.lastError ?? 'unknown error'}`,
    };
  if (state.lastAliveAt !== undefined && at - state.lastAliveAt >= config.silenceWindowMs)
    return {
      healthy: false,
      reason: `nothing heard from the network for ${seconds(at - state.lastAliveAt)}`,
    };
  return { healthy: true };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
