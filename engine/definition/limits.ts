/** Size limits enforced on definitions and payloads, each with a clear error. */
export const limits = {
  definitionBytes: 1_000_000,
  steps: 2_000,
  edges: 10_000,
  runInputBytes: 1_000_000,
  stepOutputBytes: 1_000_000,
  /** The output of a `subworkflow` or `map` step (its children's outputs), and a run's output. */
  collectedOutputBytes: 16_000_000,
  /** A step output larger than this (JSON) is not cached: the step completes, and runs again next time. */
  stepCacheOutputBytes: 256_000,
  stepCacheTtlMs: 30 * 86_400_000,
  /** Arrays and objects inside one another in any output or variable (JSON.stringify recurses). */
  outputNestingDepth: 1_000,
  expressionChars: 10_000,
  codeSourceChars: 100_000,
  expressionTimeoutMs: 1_000,
  defaultCodeTimeoutMs: 5_000,
  codeMemoryBytes: 32 * 1024 * 1024,
  defaultMaxParallel: 16,
  mapItems: 10_000,
  /** Default levels of sub-workflow/map nesting below a top-level run (engine option `maxNestingDepth`). */
  nestingDepth: 10,
  /** Default runs in one run tree, its top-level run included (engine option `maxRunsPerTree`). */
  runsPerTree: 50_000,
} as const;
