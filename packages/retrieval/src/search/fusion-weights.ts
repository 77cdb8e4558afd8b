import type { Queryable } from '@support/db';
import { type FusionCalibration, findActiveFusionCalibration, findFusionCalibration } from '../queries/fusion.js';
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

/**
 * Caches the calibrated fusion of the active model (or of the model `modelId` gives: a candidate
 * compared before a switch); `fallback` until one is stored.
 */
export function createFusionWeights(
  db: Queryable,
  fallback: FusionOptions,
  now: () => number = Date.now,
  modelId?: () => Promise<number>,
): FusionWeights {
  const find = (): Promise<FusionCalibration | undefined> =>
    modelId === undefined ? findActiveFusionCalibration(db) : modelId().then((id) => findFusionCalibration(db, id));
  let cached: { at: number; fusion: Promise<FusionOptions> } | undefined;
  return {
    current() {
      if (cached === undefined || now() - cached.at > TTL_MS) {
        const entry = {
          at: now(),
          fusion: find().then(
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
