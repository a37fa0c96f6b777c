import type { BenchResult } from './types.js';

/** Renders a result table as aligned text (numbers right-aligned). */
export function formatTable(table: BenchResult['table']): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) =>
    Math.max(...cells.map((row) => String(row[i] ?? '').length)),
  );
  const numeric = table.columns.map((_, i) =>
    table.rows.every((row) => typeof row[i] === 'number'),
  );
  const line = (row: (string | number)[]): string =>
    row
      .map((cell, i) => {
        const text = String(cell);
        const width = widths[i] ?? text.length;
        return numeric[i] ? text.padStart(width) : text.padEnd(width);
      })
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(table.columns), rule, ...table.rows.map(line)].join('\n');
}
