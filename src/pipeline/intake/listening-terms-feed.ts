import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { brandsChannel, loadBrandHearing } from '../../store/brands.repository.ts';
import type { HeardBrand } from '../../store/brands.repository.ts';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/schema.ts';

/**
 * Each listening source's terms — its brand's, then its workspace's competitors' — kept current
 * without restarting the source: a source reads `terms(brandId)` on every poll or match and sees
 * a change within `refreshMs` (30 s), or at once when the store can LISTEN and a brand change
 * (its own or any competitor's) is told.
 */
export interface ListeningTermsFeed {
  /** Loads a brand's terms before its first source starts (and keeps them fresh from then on). */
  watch(brandId: string): Promise<void>;
  /**
   * What an account of the brand hears, as last loaded: the brand first, then its workspace's
   * competitors; the same array until a reload changes it; empty before `watch` resolved.
   */
  terms(brandId: string): readonly HeardBrand[];
  /** Reloads every watched brand now. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const none: readonly HeardBrand[] = [];

export async function startListeningTermsFeed(options: {
  store: Pick<Store, 'db'> & Partial<Pick<Store, 'listen' | 'onListenRestored'>>;
  logger: Logger;
  refreshMs?: number;
}): Promise<ListeningTermsFeed> {
  const db: Kysely<Database> = options.store.db;
  const loaded = new Map<string, readonly HeardBrand[]>();
  let failing = false;

  const load = async (brandIds: readonly string[]) => {
    const found = await loadBrandHearing(db, brandIds);
    for (const brandId of brandIds) {
      const hearing = found.get(brandId) ?? [];
      // Kept as it was when nothing changed, so a source that compares by identity recompiles nothing.
      if (JSON.stringify(hearing) !== JSON.stringify(loaded.get(brandId)))
        loaded.set(brandId, hearing);
    }
  };
  const refresh = async () => {
    try {
      await load([...loaded.keys()]);
      failing = false;
    } catch (error) {
      // The terms already loaded go on being used; the next refresh tries again.
      if (!failing)
        options.logger.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'could not reload listening terms; keeping the last ones',
        );
      failing = true;
    }
  };
  // A competitor's change concerns every watched brand of its workspace: all are reloaded (brand
  // changes are rare, and one query loads them all).
  const unlisten = await options.store.listen?.(brandsChannel, () => void refresh());
  const offRestored = options.store.onListenRestored?.(() => void refresh());
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 30_000);
  timer.unref();

  return {
    async watch(brandId) {
      if (!loaded.has(brandId)) await load([brandId]);
    },
    terms: (brandId) => loaded.get(brandId) ?? none,
    refresh,
    async close() {
      clearInterval(timer);
      offRestored?.();
      await unlisten?.();
    },
  };
}
