import { defineConfig } from 'vitest/config';

// CI asks for a machine-readable summary too (pnpm would take --reporter flags for itself).
const jsonOutput = process.env.VITEST_JSON_OUTPUT;

export default defineConfig({
  test: {
    reporters: jsonOutput ? ['default', ['json', { outputFile: jsonOutput }]] : ['default'],
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
