import { createStreamingAPIClient, type mastodon } from 'masto';
import type { Egress } from '../../security/egress.ts';

interface MastodonStreamOptions {
  rest: mastodon.rest.Client;
  /** The streaming URL is the instance's to name, so it is checked like any other. */
  egress: Egress;
  accessToken: string;
  hashtags: string[];
  /**
   * Called for each streamed mention notification or hashtag status, one at a time, and for each
   * deletion or edit as a stream event (`{ event: 'delete' | 'status.update', payload, heardAt }`).
   */
  deliver(raw: unknown): Promise<void>;
  /** When a deletion was heard (Mastodon's `delete` event names no time). */
  now?: () => Date;
  /** Called when an open stream is lost for good (after masto's retries). */
  onError(error: Error): void;
  /** Connection attempts before streaming gives up and polling alone carries on. */
  maxAttempts?: number;
}

/**
 * Mastodon's streaming API (a WebSocket found through the instance's configuration), for
 * mentions within a second instead of a polling interval. It never moves the stored cursor
 * forward on its own: the poller does that once it has read everything before, so a crash
 * cannot skip a mention that the stream missed.
 */
export function startMastodonStream(options: MastodonStreamOptions): { close(): Promise<void> } {
  let closed = false;
  let streaming: mastodon.streaming.Client | undefined;
  const report = (error: unknown) => {
    if (!closed) options.onError(error instanceof Error ? error : new Error(String(error)));
  };

  const done = (async () => {
    let url: string;
    try {
      url = (await options.rest.v2.instance.fetch()).configuration.urls.streaming;
    } catch {
      // No readable streaming URL (an old or locked-down instance): polling alone still hears
      // everything, so this is not reported as a failure of the source.
      return;
    }
    try {
      // Checked (and its name resolved) just before connecting: the WebSocket client takes no
      // agent, so this is the one connection checked ahead of time rather than at connect.
      await options.egress.checkUrl(url, 'the streaming URL');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report(
        new Error(`Mastodon stream refused (${reason}); polling carries on`, { cause: error }),
      );
      return;
    }
    if (closed) return;
    streaming = createStreamingAPIClient({
      streamingApiUrl: url,
      accessToken: options.accessToken,
      retry: options.maxAttempts ?? 5,
    });
    // The user stream, not just its notifications: Mastodon sends the `delete` of a status to
    // the stream of every account it mentions (and `status.update` to those whose home it
    // reached), so mentions' deletions and edits are heard too. Its `update` events are the
    // home timeline (accounts the brand follows): not mentions, not kept.
    const subscriptions = [
      { stream: streaming.user.subscribe(), hearsStatuses: false },
      ...options.hashtags.map((tag) => ({
        stream: streaming!.hashtag.subscribe({ tag }),
        hearsStatuses: true,
      })),
    ];
    await Promise.all(
      subscriptions.map(async ({ stream: subscription, hearsStatuses }) => {
        try {
          for await (const event of subscription) {
            // A boost of the brand's post (`reblog`) is kept as a share record for campaigns.
            const isHeard =
              event.event === 'notification' &&
              (event.payload.type === 'mention' || event.payload.type === 'reblog');
            if (isHeard || (event.event === 'update' && hearsStatuses))
              await options.deliver(event.payload);
            else if (event.event === 'delete' || event.event === 'status.update') {
              // A deletion or edit of a post we may hold: kept as the stream event, with when we
              // heard it, for normalize (nothing) and changes (what changed) to read.
              const heardAt = (options.now?.() ?? new Date()).toISOString();
              await options.deliver({ event: event.event, payload: event.payload, heardAt });
            }
          }
        } catch (error) {
          report(new Error('Mastodon stream lost; polling carries on', { cause: error }));
        }
      }),
    );
  })();

  return {
    async close() {
      closed = true;
      streaming?.close();
      await done;
    },
  };
}
