import type { Channel, ListeningCheck } from './channel.ts';

/**
 * Opens a channel's source from "now" until it first hears from the network (`onAlive`), reports
 * a connection error, or `signal` aborts; then closes it. Nothing it hears is kept. For channels
 * whose source calls `onAlive`, as their `testListening`.
 */
export async function probeListening<Credentials>(
  listen: NonNullable<Channel<Credentials>['listen']>,
  credentials: Credentials,
  signal: AbortSignal,
): Promise<ListeningCheck> {
  const started = Date.now();
  let settle: (outcome: ListeningCheck) => void = () => {};
  const outcome = new Promise<ListeningCheck>((resolve) => (settle = resolve));
  const timedOut = () =>
    settle({
      ok: false,
      error: `nothing heard from the network within ${Math.round((Date.now() - started) / 1000)} s`,
    });
  if (signal.aborted) timedOut();
  signal.addEventListener('abort', timedOut, { once: true });
  let source: Awaited<ReturnType<typeof listen>> | undefined;
  try {
    source = await listen(credentials, {
      cursor: undefined,
      // Nothing heard is kept: the probe listens for no terms, only for the network's life.
      terms: () => [],
      onEvents: async () => {},
      onAlive: () =>
        settle({ ok: true, detail: `heard from the network in ${Date.now() - started} ms` }),
      onError: (error) => settle({ ok: false, error: error.message }),
    });
  } catch (error) {
    settle({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
  const result = await outcome;
  signal.removeEventListener('abort', timedOut);
  await source?.close().catch(() => {});
  return result;
}
