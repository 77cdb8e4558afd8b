import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../', import.meta.url));
const jsonOutput = process.env.VITEST_JSON_OUTPUT;

// The reliability suite runs on its own (`pnpm test:reliability [--short]`), not in `pnpm test`:
// its scenarios hold load for a minute and spawn several processes, so they run one file at a time.
export default defineConfig({
  root,
  test: {
    reporters: jsonOutput ? ['default', ['json', { outputFile: jsonOutput }]] : ['default'],
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
