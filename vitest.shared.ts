import { fileURLToPath } from 'node:url';
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
    // Resolves MySQL, RabbitMQ and Redis once per run (or starts them) and provides them to workers.
    globalSetup: [
      fileURLToPath(new URL('./packages/testing/src/global-setup.ts', import.meta.url)),
    ],
  },
});

/** The vitest config every project starts from. */
export const projectConfig = (overrides: ViteUserConfig = {}): ViteUserConfig =>
  mergeConfig(base, overrides);
