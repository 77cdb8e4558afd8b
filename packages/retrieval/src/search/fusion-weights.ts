import type { Queryable } from '@support/db';
import { findActiveFusionCalibration } from '../queries/fusion.js';
import type { FusionOptions } from './fuse.js';

/** The fusion a hybrid search uses: the active model's calibrated weights, or the default. */
export interface FusionWeights {
  current(): Promise<FusionOptions>;
  /** Call after calibrating or switching models in this process. */
  invalidate(): void;
}

// Weights change only with calibration, so they are read at most this often (at once after this
// process calibrated): a search costs no extra round trip.
const TTL_MS = 30_000;

/** Caches the calibrated fusion of the active model; `fallback` until one is stored. */
export function createFusionWeights(
  db: Queryable,
  fallback: FusionOptions,
  now: () => number = Date.now,
): FusionWeights {
  let cached: { at: number; fusion: Promise<FusionOptions> } | undefined;
  return {
    current() {
      if (cached === undefined || now() - cached.at > TTL_MS) {
        const entry = {
          at: now(),
          fusion: findActiveFusionCalibration(db).then(
            (c): FusionOptions =>
              c === undefined
                ? fallback
                : {
                    method: 'score',
                    keywordWeight: c.keywordWeight,
                    vectorWeight: c.vectorWeight,
                    vectorSpread: c.vectorSpread,
                  },
          ),
        };
        entry.fusion.catch(() => {
          if (cached === entry) cached = undefined;
        });
        cached = entry;
      }
      return cached.fusion;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
