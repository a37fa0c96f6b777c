/** What the runner gives every benchmark. */
export interface BenchContext {
  log(msg: string): void;
  cpuCount: number;
  /** BENCH_QUICK=1 or `--quick`: short durations, for smoke runs; figures are then not comparable. */
  quick: boolean;
}

/**
 * One figure set against its baseline measured in the same run, and the goal an issue gave it.
 * `docs/benchmarks.md` is generated from these; keep `path` stable across runs.
 */
export interface GoalFigure {
  /** The hot path, e.g. "uncached GET /movies?limit=20". */
  path: string;
  /** What was measured, with its unit, e.g. "req/s" or "p99 ms". */
  metric: string;
  value: number;
  /** What the baseline is, e.g. "raw mariadb pool, same rows". */
  baselineLabel: string;
  baseline: number;
  /** value / baseline (or the inverse where lower is better: say so in `goal`). */
  ratio: number;
  /** The goal as a sentence, e.g. ">= 0.7 x baseline req/s". */
  goal: string;
  met: boolean;
}

export interface BenchResult {
  figures: Record<string, number | string>;
  table: { columns: string[]; rows: (string | number)[][] };
  /** Figures with a goal: printed by the runner and collected into docs/benchmarks.md. */
  goals?: GoalFigure[];
  notes?: string[];
}

/** The shape every bench/*.ts module exports as `benchmark`. */
export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
