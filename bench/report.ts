// npm run bench:report: writes docs/benchmarks.md and docs/images/benchmarks.svg from bench/results/*.json (bench/run.ts calls it after every run).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseRecord, renderMarkdown, renderSvg, type ResultRecord } from './lib/report.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../docs/', import.meta.url));

/** Reads every result, writes the doc and its chart; returns the paths written. */
export function writeReport(
  resultsDir = `${BENCH_DIR}results/`,
  docsDir = DOCS_DIR,
): { markdown: string; svg: string; skipped: string[] } {
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
  writeFileSync(markdown, renderMarkdown(records, 'images/benchmarks.svg'));
  return { markdown, svg, skipped };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { markdown, svg, skipped } = writeReport();
  for (const line of skipped) console.error(`skipped ${line}`);
  console.log(`written ${markdown} and ${svg}`);
}
