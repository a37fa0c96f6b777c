// npm run coverage:report: turns each project's V8 coverage summary (written by `npm test`, which
// sets KAVOSH_COVERAGE=1) into the table in docs/coverage.md, beside the floor each project's
// vitest.config.ts sets. Fails when a project has no summary: its tests did not run with coverage.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = join(ROOT, 'docs', 'coverage.md');

interface Totals {
  statements: { pct: number; covered: number; total: number };
  branches: { pct: number; covered: number; total: number };
}

interface Row {
  project: string;
  dir: string;
  totals: Totals;
  floor: { statements: number; branches: number };
}

/** Every workspace folder with a vitest config, from the root package.json's workspaces. */
function projectDirs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const dirs: string[] = [];
  for (const pattern of pkg.workspaces) {
    const candidates = pattern.endsWith('/*')
      ? readdirSync(join(ROOT, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(ROOT, pattern.slice(0, -2), entry.name))
      : [join(ROOT, pattern)];
    dirs.push(...candidates.filter((dir) => existsSync(join(dir, 'vitest.config.ts'))));
  }
  return dirs.sort();
}

function floorOf(dir: string): Row['floor'] {
  const config = readFileSync(join(dir, 'vitest.config.ts'), 'utf8');
  const match = /coverageFloor:\s*\{\s*statements:\s*([\d.]+),\s*branches:\s*([\d.]+)/.exec(config);
  if (!match) throw new Error(`${relative(ROOT, dir)}/vitest.config.ts sets no coverageFloor`);
  return { statements: Number(match[1]), branches: Number(match[2]) };
}

function rowOf(dir: string): Row {
  const summaryFile = join(dir, 'coverage', 'coverage-summary.json');
  if (!existsSync(summaryFile)) {
    throw new Error(
      `${relative(ROOT, summaryFile)} is missing: run the project's tests with KAVOSH_COVERAGE=1`,
    );
  }
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { total: Totals };
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    nx?: { name?: string };
    name: string;
  };
  return { project: pkg.nx?.name ?? pkg.name, dir, totals: summary.total, floor: floorOf(dir) };
}

const pct = (value: number) => `${value.toFixed(1)} %`;

async function main(): Promise<void> {
  const rows = projectDirs().map(rowOf);
  const lines = [
    '# Test coverage',
    '',
    'Written by `npm run coverage:report` after `npm test`, which collects V8 coverage for every',
    "project (vitest's v8 provider). Each project's `vitest.config.ts` sets a floor just below what",
    'it reaches, so coverage can only ratchet up: a run below its floor fails. Services count their',
    'own `src`; `e2e` and `deploy` count their harness (the processes they start are covered by',
    "their own projects' tests); `ops` counts the backup and restore code in `scripts/lib/backup`.",
    '',
    '| project | folder | statements | branches | floor (statements / branches) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.project} | \`${relative(ROOT, row.dir)}\` | ${pct(row.totals.statements.pct)} (${row.totals.statements.covered}/${row.totals.statements.total}) | ${pct(row.totals.branches.pct)} (${row.totals.branches.covered}/${row.totals.branches.total}) | ${row.floor.statements} / ${row.floor.branches} |`,
    ),
    '',
  ];
  const options = (await resolveConfig(OUTPUT)) ?? {};
  const text = await format(lines.join('\n'), { ...options, parser: 'markdown', filepath: OUTPUT });
  writeFileSync(OUTPUT, text);
  console.log(`coverage of ${rows.length} projects written to ${relative(ROOT, OUTPUT)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
