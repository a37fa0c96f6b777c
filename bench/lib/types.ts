/** What the runner gives every benchmark. */
export interface BenchContext {
  log(msg: string): void;
  cpuCount: number;
  /** BENCH_QUICK=1: short durations, for smoke runs; figures are then not comparable. */
  quick: boolean;
}

export interface BenchResult {
  figures: Record<string, number | string>;
  table: { columns: string[]; rows: (string | number)[][] };
  notes?: string[];
}

/** The shape every bench/*.ts module exports as `benchmark`. */
export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
