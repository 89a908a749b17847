/** One line of `npm run bench -- --json`. */
export interface BenchResult {
  case: string;
  ours_ms: number;
  /** What the baseline is, in words; null for a figure-only case. */
  baseline: string | null;
  baseline_ms: number | null;
  /** ours_ms / baseline_ms, both measured in this run. */
  ratio: number | null;
  peak_rss_mb?: number;
  /** A second baseline where a case has one: the floor of our own schema, by SQL alone, in this run. */
  floor_ms?: number;
  /** floor_ms / baseline_ms. */
  floor_ratio?: number;
  note?: string;
}

export interface BenchContext {
  /** Folder for generated fixtures, kept between runs (.bench/). */
  workDir: string;
  /** The large demo region, generated once per seed and schema version. */
  largeRegion(): Promise<string>;
  /** Where largeRegion() keeps it; a case that generates the same region may leave it there. */
  largeRegionPath: string;
}

export interface BenchCase {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}
