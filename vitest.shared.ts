import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/** What a project's tests must keep covering (percent); set just below what they reach. */
export interface CoverageFloor {
  statements: number;
  branches: number;
}

export interface ProjectOptions {
  /** Coverage can only ratchet up: a run below the floor fails (`npm test` collects coverage). */
  coverageFloor: CoverageFloor;
  /** Files whose coverage counts, relative to the project (default: its own `src`). */
  coverageInclude?: string[];
  overrides?: ViteUserConfig;
}

// Workspace packages export their TypeScript source under the "source" condition, so tests and
// typecheck run on source without building the packages first.
export const base = defineConfig({
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

/**
 * The vitest config every project starts from. V8 coverage is collected when KAVOSH_COVERAGE=1
 * (`npm test` sets it; a single `vitest run` stays fast); `scripts/coverage-report.ts` turns each
 * project's summary into docs/coverage.md.
 */
export const projectConfig = (options: ProjectOptions): ViteUserConfig =>
  mergeConfig(
    mergeConfig(base, {
      test: {
        coverage: {
          enabled: process.env.KAVOSH_COVERAGE === '1',
          provider: 'v8',
          include: options.coverageInclude ?? ['src/**/*.ts'],
          exclude: ['**/*.test.ts', '**/generated/**', '**/*.d.ts'],
          reporter: ['text-summary', 'json-summary'],
          reportsDirectory: 'coverage',
          thresholds: {
            statements: options.coverageFloor.statements,
            branches: options.coverageFloor.branches,
          },
        },
      },
    } satisfies ViteUserConfig),
    options.overrides ?? {},
  );
