import type { KnowledgeBaseStats } from '@support/retrieval';
import type { Command } from './command.js';

/** `kb calibrate`: chooses and stores fusion weights for the active embedding model now. */
export const calibrateCommand: Command = {
  usage: 'pnpm kb calibrate',
  async run(_args, { retrieval, stdout, stderr }) {
    const calibration = await retrieval.calibrateFusion();
    if (calibration === undefined) {
      stderr.write(
        'nothing to calibrate: fewer than 30 chunks of prose in articles of two chunks or more, or the active embedding model is not the configured one; the weights in use stay\n',
      );
      return 1;
    }
    stdout.write(`${describeFusion(calibration)}\n`);
    return 0;
  },
};

/** One line on the fusion weights in use and the pseudo-query figures they were chosen from. */
export function describeFusion(fusion: KnowledgeBaseStats['fusion']): string {
  if (fusion === null) return 'fusion: default weights (keyword 1, vector 0.5), not calibrated yet';
  const f = (v: number) => v.toFixed(3);
  return (
    `fusion: keyword ${fusion.keywordWeight}, vector ${fusion.vectorWeight} (cosine spread ${f(fusion.vectorSpread)}), ` +
    `calibrated ${fusion.calibratedAt.toISOString()} in ${fusion.seconds.toFixed(1)} s on ${fusion.pseudoQueries} pseudo-queries: ` +
    `nDCG@10 keyword ${f(fusion.keywordNdcg)}, vector ${f(fusion.vectorNdcg)}, hybrid ${f(fusion.hybridNdcg)}`
  );
}
