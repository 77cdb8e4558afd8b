import type { Queryable } from '@support/db';
import { findSearchConfig, findSearchConfigsInUse, type SearchFilters } from '../queries/search.js';

/** Which text search configurations a question is tokenised with (see searchKeyword). */
export interface SearchConfigs {
  /** The configuration of the locale filter, or every one the knowledge base holds. */
  forFilters(filters: SearchFilters): Promise<string[]>;
  /** Call after indexing: the set of languages may have changed. */
  invalidate(): void;
}

// Languages change only with indexing, so the set is read at most this often (at once after this
// process indexed); another process's new language shows within this time.
const IN_USE_TTL_MS = 30_000;
const MAX_LOCALES = 200;

/** Caches the knowledge base's languages and each locale's configuration. */
export function createSearchConfigs(db: Queryable, now: () => number = Date.now): SearchConfigs {
  let inUse: { at: number; configs: Promise<string[]> } | undefined;
  const byLocale = new Map<string, Promise<string>>();
  return {
    async forFilters(filters) {
      if (filters.locale !== undefined) {
        let config = byLocale.get(filters.locale);
        if (config === undefined) {
          // Locales come from callers: a bounded cache, whatever they send.
          if (byLocale.size >= MAX_LOCALES) byLocale.clear();
          config = findSearchConfig(db, filters.locale);
          byLocale.set(filters.locale, config);
          config.catch(() => byLocale.delete(filters.locale ?? ''));
        }
        return [await config];
      }
      if (inUse === undefined || now() - inUse.at > IN_USE_TTL_MS) {
        const entry = { at: now(), configs: findSearchConfigsInUse(db) };
        entry.configs.catch(() => {
          if (inUse === entry) inUse = undefined;
        });
        inUse = entry;
      }
      const configs = await inUse.configs;
      // An empty knowledge base matches nothing whatever the language; English keeps the SQL simple.
      return configs.length > 0 ? configs : ['english'];
    },
    invalidate() {
      inUse = undefined;
    },
  };
}
