import type { Logger } from 'pino';
import { changesChannel, parseChangeNotice } from '../store/changes.ts';
import type { ChangeNotice } from '../store/changes.ts';
import type { Store } from '../store/connect.ts';
import { PresenceBoard, isPresenceNotice } from './presence.ts';

type Subscriber = (notice: ChangeNotice) => void;

/**
 * Told to every subscriber when LISTEN is back after an outage: notices were missed, so an
 * event stream ends and the browser, reconnecting, refetches what it shows.
 */
export const resyncNoticeType = 'stream.resync';

/**
 * Fans database change notices (NOTIFY, from any Earshot process on the same database) out to
 * the browsers of the workspace they concern. One LISTEN per process, however many browsers.
 */
export class RealtimeHub {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  readonly #accessWatchers = new Map<string, Set<() => void>>();
  /** Who is viewing or typing on which conversation, as heard from every process. */
  readonly presence = new PresenceBoard();
  #unlisten: (() => Promise<void>) | undefined;
  #offRestored: (() => void) | undefined;

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
    });
    this.#offRestored = store.onListenRestored?.(() => {
      for (const [workspaceId, subscribers] of this.#subscribers)
        for (const subscriber of [...subscribers])
          subscriber({ type: resyncNoticeType, workspaceId });
    });
  }

  subscribe(workspaceId: string, subscriber: Subscriber): () => void {
    let set = this.#subscribers.get(workspaceId);
    if (!set) {
      set = new Set();
      this.#subscribers.set(workspaceId, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(workspaceId);
    };
  }

  /** Calls `watcher` whenever any process says this user's access changed. */
  watchAccess(userId: string, watcher: () => void): () => void {
    let set = this.#accessWatchers.get(userId);
    if (!set) {
      set = new Set();
      this.#accessWatchers.set(userId, set);
    }
    set.add(watcher);
    return () => {
      set.delete(watcher);
      if (set.size === 0) this.#accessWatchers.delete(userId);
    };
  }

  get subscriberCount(): number {
    let count = 0;
    for (const set of this.#subscribers.values()) count += set.size;
    return count;
  }

  async stop(): Promise<void> {
    this.#offRestored?.();
    await this.#unlisten?.();
    this.#subscribers.clear();
    this.#accessWatchers.clear();
  }
}
