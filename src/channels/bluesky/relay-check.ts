import { websocket } from '@atproto/ws-client';

/**
 * Opens `com.atproto.sync.subscribeRepos` on the relay once, without a cursor (so nothing old is
 * replayed), and says whether it answered: ok as soon as the WebSocket is open or a frame
 * arrives; the error otherwise (refused, not a WebSocket, or nothing before `signal` aborts).
 */
export async function checkRelay(
  service: string,
  signal: AbortSignal,
): Promise<{ ok: true; detail: string } | { ok: false; error: string }> {
  const done = new AbortController();
  const stop = () => done.abort();
  signal.addEventListener('abort', stop, { once: true });
  let connected = false;
  try {
    const stream = websocket(`${service}/xrpc/com.atproto.sync.subscribeRepos`, {
      dataMode: 'binary',
      signal: done.signal,
      shouldReconnect: false,
      onConnect: () => {
        connected = true;
        done.abort();
      },
    });
    for await (const frame of stream) {
      void frame;
      connected = true;
      break;
    }
  } catch (error) {
    if (!connected)
      return {
        ok: false,
        error: signal.aborted
          ? `the relay ${service} did not answer in time`
          : `the relay ${service} refused the firehose: ${error instanceof Error ? error.message : String(error)}`,
      };
  } finally {
    signal.removeEventListener('abort', stop);
    done.abort();
  }
  return connected
    ? { ok: true, detail: `the firehose of ${service} is open` }
    : { ok: false, error: `the relay ${service} closed the firehose at once` };
}
