import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { noTerms } from '../../domain/listening.ts';
import type { ListeningTerms } from '../../domain/listening.ts';
import { brandsChannel, loadBrandTerms } from '../../store/brands.repository.ts';
import type { Store } from '../../store/connect.ts';
import type { Database } from '../../store/schema.ts';

/**
 * Each listening source's brand terms, kept current without restarting the source: a source
 * reads `terms(brandId)` on every poll or match and sees a change within `refreshMs` (30 s), or
 * at once when the store can LISTEN and a brand change is told.
 */
export interface ListeningTermsFeed {
  /** Loads a brand's terms before its first source starts (and keeps them fresh from then on). */
  watch(brandId: string): Promise<void>;
  /** The brand's terms as last loaded: no terms before `watch` resolved. */
  terms(brandId: string): ListeningTerms;
  /** Reloads every watched brand now. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export async function startListeningTermsFeed(options: {
  store: Pick<Store, 'db'> & Partial<Pick<Store, 'listen' | 'onListenRestored'>>;
  logger: Logger;
  refreshMs?: number;
}): Promise<ListeningTermsFeed> {
  const db: Kysely<Database> = options.store.db;
  const loaded = new Map<string, ListeningTerms>();
  let failing = false;

  const load = async (brandIds: readonly string[]) => {
    const found = await loadBrandTerms(db, brandIds);
    for (const brandId of brandIds) loaded.set(brandId, found.get(brandId) ?? noTerms);
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
  const unlisten = await options.store.listen?.(brandsChannel, (brandId) => {
    if (loaded.has(brandId)) void load([brandId]).catch(() => refresh());
  });
  const offRestored = options.store.onListenRestored?.(() => void refresh());
  const timer = setInterval(() => void refresh(), options.refreshMs ?? 30_000);
  timer.unref();

  return {
    async watch(brandId) {
      if (!loaded.has(brandId)) await load([brandId]);
    },
    terms: (brandId) => loaded.get(brandId) ?? noTerms,
    refresh,
    async close() {
      clearInterval(timer);
      offRestored?.();
      await unlisten?.();
    },
  };
}
