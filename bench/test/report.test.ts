import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  goalThreshold,
  parseRecord,
  renderMarkdown,
  renderSvg,
  type ResultRecord,
} from '../lib/report.js';
import { writeReport } from '../report.js';

const machine = {
  cpus: { model: 'Test CPU', count: 2 },
  memoryBytes: 8 * 1024 ** 3,
  node: 'v20.0.0',
  os: 'Linux test',
  gitSha: '0123456789abcdef0123',
};
const withGoals: ResultRecord = {
  name: 'catalog',
  description: 'Catalog reads',
  date: '2026-12-07T07:00:00.000Z',
  machine,
  quick: false,
  figures: { list_rps: 101 },
  table: { columns: ['measurement', 'req/s'], rows: [['GET /movies', 101]] },
  goals: [
    {
      path: 'uncached GET /movies?limit=20',
      metric: 'req/s',
      value: 101,
      baselineLabel: 'raw pool',
      baseline: 136,
      ratio: 0.74,
      goal: '>= 0.7 x baseline req/s',
      met: true,
    },
    {
      path: 'search <worst> & "odd"',
      metric: 'p99 ms',
      value: 77,
      baselineLabel: 'raw match',
      baseline: 45,
      ratio: 1.7,
      goal: 'no answer over 50 ms',
      met: false,
    },
  ],
  notes: ['seeded 300 movies'],
};
const quickWithoutGoals: ResultRecord = {
  name: 'auth',
  description: 'Logins',
  date: '2026-12-07T07:10:00.000Z',
  machine: { ...machine, gitSha: 'fedcba9876543210' },
  quick: true,
  figures: {},
  table: { columns: ['case', 'a|b'], rows: [['login | 4 clients', 8.5]] },
};

describe('the benchmark report', () => {
  it('writes the machine, each goal with its result, and marks quick runs', () => {
    const md = renderMarkdown([withGoals, quickWithoutGoals], 'images/benchmarks.svg');
    expect(md).toContain('- CPU: Test CPU, 2 cores');
    expect(md).toContain('- Memory: 8.0 GiB');
    // The machine once, though two runs were at other commits; each run names its commit.
    expect(md.match(/- CPU: /g)).toHaveLength(1);
    expect(md).toContain('Measured 2026-12-07T07:00:00.000Z at commit 0123456789ab.');
    expect(md).toContain('1 of 2 goals met over 2 benchmarks.');
    expect(md).toContain(
      '| uncached GET /movies?limit=20 | req/s | 101 | 136 (raw pool) | 0.74 | >= 0.7 x baseline req/s | met |',
    );
    expect(md).toContain('| no answer over 50 ms | **not met** |');
    expect(md).toContain('![Ratio to baseline per goal](images/benchmarks.svg)');
    // Sorted by name: auth (quick, no goals) before catalog.
    expect(md.indexOf('## auth (quick run)')).toBeLessThan(md.indexOf('## catalog'));
    expect(md).toContain('Quick run** (`--quick`, short durations; figures not comparable): auth.');
    expect(md).toContain('_No goals set by this benchmark yet: its table follows._');
    // Pipes inside cells are escaped so the table keeps its columns.
    expect(md).toContain('| login \\| 4 clients | 8.5 |');
    expect(md).toContain('- seeded 300 movies');
  });

  it('draws one bar per goal, coloured by its result, with the goal line where the goal is a ratio', () => {
    const svg = renderSvg([withGoals, quickWithoutGoals]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/fill="#2e7d32"/g)).toHaveLength(1);
    expect(svg.match(/fill="#c62828"/g)).toHaveLength(1);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(svg).toContain('search &lt;worst&gt; &amp; &quot;odd&quot;');
    expect(svg).not.toMatch(/<worst>/);
    expect(renderSvg([quickWithoutGoals])).toContain('No benchmark has set goals yet.');
  });

  it('reads a goal sentence’s ratio, and none from an absolute goal', () => {
    expect(goalThreshold('>= 0.85 x raw verify/s')).toEqual({ at: 0.85, atLeast: true });
    expect(goalThreshold('<= 1.5 x raw p99 (lower is better)')).toEqual({
      at: 1.5,
      atLeast: false,
    });
    expect(goalThreshold('< 1500 ms')).toBeUndefined();
  });

  it('refuses results it cannot render, naming why', () => {
    expect(parseRecord('{')).toMatch(/^not JSON/);
    expect(parseRecord('[]')).toBe('not an object');
    expect(parseRecord(JSON.stringify({ ...withGoals, table: undefined }))).toBe('no table');
    expect(parseRecord(JSON.stringify({ ...withGoals, goals: 3 }))).toBe('goals is not a list');
    expect(parseRecord(JSON.stringify(withGoals))).toEqual(withGoals);
  });

  describe('writeReport', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('writes the doc and chart from a results folder, skipping unreadable files by name', async () => {
      dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
      const results = join(dir, 'results/');
      const docs = join(dir, 'docs/');
      mkdirSync(results);
      writeFileSync(join(results, 'catalog.json'), JSON.stringify(withGoals));
      writeFileSync(join(results, 'broken.json'), '{');
      writeFileSync(join(results, 'profile.cpuprofile'), '{}');
      const written = await writeReport(results, docs);
      expect(written.skipped).toEqual([expect.stringMatching(/^broken\.json: not JSON/)]);
      expect(readFileSync(written.markdown, 'utf8')).toContain('## catalog');
      expect(readFileSync(written.svg, 'utf8')).toContain('</svg>');
    });
  });
});
