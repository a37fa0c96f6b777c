// npm run bench:report: writes docs/benchmarks.md and docs/images/benchmarks.svg from bench/results/*.json (bench/run.ts calls it after every run).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { parseRecord, renderMarkdown, renderSvg, type ResultRecord } from './lib/report.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../docs/', import.meta.url));

/** Reads every result, writes the doc (formatted as the repository's prettier check wants) and its chart. */
export async function writeReport(
  resultsDir = `${BENCH_DIR}results/`,
  docsDir = DOCS_DIR,
): Promise<{ markdown: string; svg: string; skipped: string[] }> {
  const records: ResultRecord[] = [];
  const skipped: string[] = [];
  for (const file of readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = parseRecord(readFileSync(`${resultsDir}${file}`, 'utf8'));
    // A file the report cannot read is named, not fatal: the other benchmarks still publish.
    if (typeof parsed === 'string') skipped.push(`${file}: ${parsed}`);
    else records.push(parsed);
  }
  mkdirSync(`${docsDir}images`, { recursive: true });
  const markdown = `${docsDir}benchmarks.md`;
  const svg = `${docsDir}images/benchmarks.svg`;
  writeFileSync(svg, renderSvg(records));
  const options = (await resolveConfig(markdown)) ?? {};
  writeFileSync(
    markdown,
    await format(renderMarkdown(records, 'images/benchmarks.svg'), {
      ...options,
      parser: 'markdown',
    }),
  );
  return { markdown, svg, skipped };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, svg, skipped } = await writeReport();
  for (const line of skipped) console.error(`skipped ${line}`);
  console.log(`written ${markdown} and ${svg}`);
}
