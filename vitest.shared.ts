import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

// Workspace packages export their TypeScript source under the "source" condition, so tests and
// typecheck run on source without building the packages first.
const base = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One failed test should not hide the others, but a hung suite must not stall CI.
    teardownTimeout: 20_000,
  },
});

/** The vitest config every project starts from. */
export const projectConfig = (overrides: ViteUserConfig = {}): ViteUserConfig =>
  mergeConfig(base, overrides);
