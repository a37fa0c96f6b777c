// npm run bench [-- names...]: runs bench/*.ts benchmarks, prints their tables, writes bench/results/<name>.json.
import { readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine } from './lib/machine.js';
import { formatTable } from './lib/table.js';
import { writeReport } from './report.js';
import type { Benchmark } from './lib/types.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

const isBenchmark = (value: unknown): value is Benchmark =>
  typeof value === 'object' &&
  value !== null &&
  'name' in value &&
  typeof value.name === 'string' &&
  'run' in value &&
  typeof value.run === 'function';

async function discover(): Promise<Benchmark[]> {
  const files = readdirSync(BENCH_DIR).filter(
    (file) =>
      file.endsWith('.ts') &&
      !['run.ts', 'report.ts', 'vitest.config.ts'].includes(file) &&
      !file.endsWith('.d.ts'),
  );
  const found: Benchmark[] = [];
  for (const file of files.sort()) {
    const mod: Record<string, unknown> = await import(pathToFileURL(`${BENCH_DIR}${file}`).href);
    if (!isBenchmark(mod.benchmark))
      throw new Error(`bench/${file} does not export a valid \`benchmark\``);
    found.push(mod.benchmark);
  }
  return found;
}

async function main(names: string[]): Promise<void> {
  const all = await discover();
  const unknown = names.filter((name) => !all.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}`,
    );
  }
  const selected = names.length === 0 ? all : all.filter((bench) => names.includes(bench.name));
  const machine = describeMachine();
  const quick = process.env.BENCH_QUICK === '1';
  const failed: string[] = [];
  for (const bench of selected) {
    console.log(`\n# ${bench.name}\n${bench.description}\n`);
    let result: Awaited<ReturnType<Benchmark['run']>>;
    try {
      result = await bench.run({
        log: (msg) => console.log(`  ${msg}`),
        cpuCount: availableParallelism(),
        quick,
      });
    } catch (err) {
      // One benchmark's failure does not cost the others' figures; the run still exits 1.
      console.error(`benchmark ${bench.name} failed:`, err);
      failed.push(bench.name);
      continue;
    }
    console.log(`\n${formatTable(result.table)}`);
    for (const goal of result.goals ?? []) {
      console.log(
        `goal ${goal.met ? 'met' : 'NOT met'}: ${goal.path}: ${goal.metric} ${goal.value} vs ${goal.baselineLabel} ${goal.baseline} = ${goal.ratio} (${goal.goal})`,
      );
    }
    for (const note of result.notes ?? []) console.log(`note: ${note}`);
    const file = `${BENCH_DIR}results/${bench.name}.json`;
    const record = {
      name: bench.name,
      description: bench.description,
      date: new Date().toISOString(),
      machine,
      quick,
      ...result,
    };
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`written ${file}`);
  }
  const report = await writeReport();
  for (const line of report.skipped) console.error(`report skipped ${line}`);
  console.log(`written ${report.markdown} and ${report.svg}`);
  if (failed.length > 0) {
    console.error(
      `failed: ${failed.join(', ')} (their earlier results, if any, are in the report)`,
    );
    process.exitCode = 1;
  }
}

const args = process.argv.slice(2);
if (args.includes('--quick')) process.env.BENCH_QUICK = '1';
main(args.filter((arg) => arg !== '--quick')).catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
