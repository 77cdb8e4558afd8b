import type { Pool } from '@support/db';
import { createRetrieval, type Embedder, type Retrieval } from '../src/index.js';
import { DEFAULT_FUSION } from '../src/retrieval.js';
import type { FusionOptions } from '../src/search/fuse.js';

type ModeReport = Record<string, Record<string, unknown>>;

/**
 * `pnpm eval retrieval --compare-model`: fills a second model's vectors in the same database (the
 * configured model stays active, as during `pnpm kb reembed --model`), calibrates its fusion
 * weights unless they are fixed, and scores it through its own vectors with `score`.
 */
export async function compareModel(
  options: {
    pool: Pool;
    embedder: Embedder;
    fusion: FusionOptions | undefined;
    log: (line: string) => void;
    k: number;
  },
  score: (retrieval: Retrieval) => Promise<ModeReport>,
) {
  const { embedder, fusion, log } = options;
  const candidate = createRetrieval({
    pool: options.pool,
    embedder,
    candidate: true,
    ...(fusion === undefined ? {} : { fusion }),
  });
  const started = performance.now();
  log(`filling ${embedder.model} beside the configured model...`);
  await candidate.backfillEmbeddings({ onProgress: (done, total) => log(`  ${done}/${total} chunk texts`) });
  const fillSeconds = (performance.now() - started) / 1000;
  const calibrated = fusion === undefined ? await candidate.calibrateFusion() : undefined;
  const weights = fusion ?? calibrated ?? DEFAULT_FUSION;
  return {
    model: embedder.model,
    indexSeconds: Number(fillSeconds.toFixed(2)),
    fusion: { fixed: fusion !== undefined, ...weights },
    modes: await score(candidate),
  };
}

/** nDCG@k of the compared model minus the configured one's, per mode both ran. */
export function ndcgDifference(base: ModeReport, compared: ModeReport, k: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(compared).flatMap(([mode, m]) => {
      const a = base[mode]?.[`ndcg@${k}`];
      const b = m[`ndcg@${k}`];
      return typeof a === 'number' && typeof b === 'number' ? [[mode, Number((b - a).toFixed(4))]] : [];
    }),
  );
}

/** One line: how the compared model's nDCG@k differs from the configured one's, per mode. */
export function describeDifference(difference: Record<string, number>, k: number, other: string, base: string): string {
  const parts = Object.entries(difference).map(([mode, d]) => `${mode} ${d >= 0 ? '+' : ''}${d.toFixed(3)}`);
  return `nDCG@${k} ${other} minus ${base}: ${parts.join(', ')}`;
}
