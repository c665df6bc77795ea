import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import { streamEventOf } from '../domain/live-events.ts';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { ChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';
import { addKeyed } from './keyed-sets.ts';
import { PresenceBoard, isPresenceNotice } from './presence.ts';
import { StreamFanOut } from './stream-fan-out.ts';
import type { StreamSink } from './stream-fan-out.ts';

type Subscriber = (notice: ChangeNotice) => void;

/** An open event stream: where its frames go, and how it checks its caller may still listen. */
export interface OpenStream {
  sink: StreamSink;
  /** Re-reads the caller's session or token and membership; ends the stream when they are gone. */
  checkAccess(): Promise<void>;
}

/** Every stream hears a keep-alive this often, and checks its access again. */
const defaultHeartbeatMs = 25_000;
const keepAliveFrame = ': keep-alive\n\n';
/** Streams whose access is checked together (the checks of a slice share their queries). */
const sweepSliceSize = 250;

/** One server-sent event, as browsers read it (the data is one line of JSON). */
export function sseFrame(event: string, data: string, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}

/**
 * Told to every subscriber when LISTEN is back after an outage: notices were missed, so an
 * event stream ends and the browser, reconnecting, refetches what it shows.
 */
export const resyncNoticeType = 'stream.resync';

/**
 * Fans database change notices (NOTIFY, from any Earshot process on the same database) out to
 * the browsers of the workspace they concern. One LISTEN per process, however many browsers;
 * each notice is serialised once and written to the streams in slices (StreamFanOut), and the
 * streams' heartbeats and access checks are one sweep, one check at a time: however many
 * streams are open, intake never queues behind them (docs/adr/0013-live-fan-out.md).
 */
export class RealtimeHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  readonly #accessWatchers = new Map<string, Set<() => void>>();
  readonly #fanOut = new StreamFanOut();
  readonly #streams = new Set<OpenStream>();
  /** The id of the last event sent to each workspace's streams. */
  readonly #sequences = new Map<string, number>();
  #heartbeat: NodeJS.Timeout | undefined;
  #sweeping = false;
  /** Who is viewing or typing on which conversation, as heard from every process. */
  readonly presence = new PresenceBoard();
  #unlisten: (() => Promise<void>) | undefined;
  #offRestored: (() => void) | undefined;
  readonly #heartbeatMs: number;

  constructor(options: { heartbeatMs?: number } = {}) {
    this.#heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  }

  async start(store: Store, logger: Logger): Promise<void> {
    this.#unlisten = await store.listen(changesChannel, (payload) => {
      const notice = parseChangeNotice(payload);
      if (!notice) {
        logger.warn({ payload: payload.slice(0, 200) }, 'ignored an unreadable change notice');
        return;
      }
      if (notice.type === 'access.changed') {
        // Not for browsers: the streams of that user check their access again.
        for (const watcher of this.#accessWatchers.get(notice.userId ?? '') ?? []) watcher();
        return;
      }
      if (isPresenceNotice(notice)) this.presence.apply(notice);
      for (const subscriber of this.#subscribers.get(notice.workspaceId) ?? []) subscriber(notice);
      // A process that says a workspace's browsers must refetch (as after a LISTEN outage):
      // its streams end after what they were sent, and the browsers reconnect and refetch.
      if (notice.type === resyncNoticeType) this.#fanOut.send(notice.workspaceId, '', true);
      const event = streamEventOf(notice);
      if (event && this.#fanOut.has(notice.workspaceId)) {
        // Numbered per workspace in this process, every stream of it sent the same frame: each
        // stream sees the numbers go up by one, so a skipped one is a missed event (ADR 0012).
        const id = (this.#sequences.get(notice.workspaceId) ?? 0) + 1;
        this.#sequences.set(notice.workspaceId, id);
        this.#fanOut.send(notice.workspaceId, sseFrame(event.type, JSON.stringify(event), id));
      }
    });
    this.#offRestored = store.onListenRestored?.(() => {
      for (const [workspaceId, subscribers] of this.#subscribers)
        for (const subscriber of [...subscribers])
          subscriber({ type: resyncNoticeType, workspaceId });
      // Notices were missed: every stream ends after what it was sent, and its browser,
      // reconnecting, refetches what it shows.
      this.#fanOut.sendAll('', true);
    });
    this.#heartbeat = setInterval(() => void this.#sweep(logger), this.#heartbeatMs);
    this.#heartbeat.unref();
  }

  /**
   * Opens a stream on a workspace's notices (from the next one on); returns a function that
   * closes it. Its frames are written by the fan-out, never awaited by anyone.
   */
  openStream(workspaceId: string, userId: string, stream: OpenStream): () => void {
    const remove = this.#fanOut.add(workspaceId, stream.sink);
    const unwatch = this.watchAccess(userId, () => void stream.checkAccess());
    this.#streams.add(stream);
    return () => {
      remove();
      unwatch();
      this.#streams.delete(stream);
    };
  }

  /**
   * A keep-alive to every stream (proxies close silent connections), then each stream's access
   * checked again (catching sessions that simply expired), a slice at a time with a turn of the
   * event loop between: a slice's checks share three queries (StreamAccessChecker), so never
   * more than those are ahead of the intake's on the pool or PGlite's single connection, and
   * never one long task.
   */
  async #sweep(logger: Logger): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      this.#fanOut.sendAll(keepAliveFrame);
      const streams = [...this.#streams];
      for (let from = 0; from < streams.length; from += sweepSliceSize) {
        // PGlite answers without I/O, so awaiting its queries alone never lets the event loop
        // turn: without this, the whole sweep would be one task holding every request.
        await nextTurn();
        const slice = streams.slice(from, from + sweepSliceSize);
        await Promise.all(slice.filter((s) => this.#streams.has(s)).map((s) => s.checkAccess()));
      }
    } catch (error) {
      logger.warn({ err: error }, "the event streams' access sweep failed; the next one retries");
    } finally {
      this.#sweeping = false;
    }
  }

  subscribe(workspaceId: string, subscriber: Subscriber): () => void {
    return addKeyed(this.#subscribers, workspaceId, subscriber);
  }

  /** Calls `watcher` whenever any process says this user's access changed. */
  watchAccess(userId: string, watcher: () => void): () => void {
    return addKeyed(this.#accessWatchers, userId, watcher);
  }

  /** Notice subscribers and open event streams. */
  get subscriberCount(): number {
    let count = this.#fanOut.size;
    for (const set of this.#subscribers.values()) count += set.size;
    return count;
  }

  async stop(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#offRestored?.();
    await this.#unlisten?.();
    this.#subscribers.clear();
    this.#accessWatchers.clear();
    this.#streams.clear();
  }
}
