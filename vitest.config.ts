import { defineConfig } from 'vitest/config';

// CI asks for a machine-readable summary too (pnpm would take --reporter flags for itself).
const jsonOutput = process.env.VITEST_JSON_OUTPUT;

export default defineConfig({
  test: {
    reporters: jsonOutput ? ['default', ['json', { outputFile: jsonOutput }]] : ['default'],
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/reliability runs on its own: `pnpm test:reliability` (test/reliability/vitest.config.ts).
    exclude: ['**/node_modules/**', 'test/reliability/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
