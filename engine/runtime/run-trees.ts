import type { RunRow, RunStore } from "../ports/run-store";

/** How far composition may go: nesting below a top-level run, and runs in one tree. */
export interface CompositionLimits {
  maxNestingDepth: number;
  maxRunsPerTree: number;
}

interface Tree {
  /** Runs of the tree: in the database, plus those created here and not committed yet. */
  runs: number;
  /** Runs of the tree this process holds in memory. */
  live: number;
}

/**
 * The size of every run tree that has a run in memory, so a step that starts child runs can be
 * refused before a tree outgrows `maxRunsPerTree`. A tree is counted in the store once (an indexed
 * count on `root_run_id`: ~5 ms at 50,000 runs, bench/tree-count.bench.ts) when its first run is
 * loaded, then kept here as children are admitted, and forgotten when its last run leaves memory.
 * Counting per admission instead would cost one count per `subworkflow` step: 10,000 of them in a
 * 50,000-run tree spend minutes counting. The number is exact while one engine owns the database;
 * children lost to a failed commit stay counted until the tree leaves memory (refusing early, never late).
 */
export class RunTrees {
  private readonly trees = new Map<string, Tree>();
  private readonly counting = new Map<string, Promise<number>>();

  constructor(
    private readonly store: RunStore,
    private readonly limits: CompositionLimits,
    /** Called when the last run of a tree leaves memory. */
    private readonly treeLeft: (rootRunId: string) => void = () => {},
  ) {}

  /** A run of this tree was loaded from the store and is about to be held in memory; `treeRuns`: its size, when the load read it. */
  async attach(rootRunId: string, treeRuns?: number): Promise<void> {
    if (!this.trees.has(rootRunId) && treeRuns !== undefined) this.trees.set(rootRunId, { runs: treeRuns, live: 0 });
    if (!this.trees.has(rootRunId)) {
      let counting = this.counting.get(rootRunId);
      if (!counting) {
        counting = this.store.countTreeRuns(rootRunId).finally(() => this.counting.delete(rootRunId));
        this.counting.set(rootRunId, counting);
      }
      const runs = await counting;
      // Another run of the tree may have been attached while this one was counting.
      if (!this.trees.has(rootRunId)) this.trees.set(rootRunId, { runs, live: 0 });
    }
    this.trees.get(rootRunId)!.live++;
  }

  /** A run created in this process is held in memory (a new top-level run, or a child admitted before). */
  attachNew(run: RunRow): void {
    const tree = this.trees.get(run.rootRunId);
    if (tree) tree.live++;
    else this.trees.set(run.rootRunId, { runs: 1, live: 1 }); // a top-level run: a new tree
  }

  /** Runs of the tree held in memory now. */
  liveRuns(rootRunId: string): number {
    return this.trees.get(rootRunId)?.live ?? 0;
  }

  /** A run of this tree left memory. */
  detach(rootRunId: string): void {
    const tree = this.trees.get(rootRunId);
    if (tree && --tree.live <= 0) {
      this.trees.delete(rootRunId);
      this.treeLeft(rootRunId);
    }
  }

  /**
   * Whether `parent` may start `children` child runs; when it may, they are counted at once (the
   * caller creates them in the same turn). Returns the reason it may not, or null.
   */
  admit(parent: RunRow, children: number): string | null {
    if (children === 0) return null;
    const { maxNestingDepth, maxRunsPerTree } = this.limits;
    if (parent.depth + 1 > maxNestingDepth)
      return `sub-workflow nesting is deeper than ${maxNestingDepth} levels: this run is ${parent.depth} level${parent.depth === 1 ? "" : "s"} below its top-level run ${parent.rootRunId}, so it cannot start child runs`;
    const tree = this.trees.get(parent.rootRunId);
    // Cannot happen (every run in memory holds its tree); refusing keeps the limit, throwing here would not.
    if (!tree) return `the size of run tree ${parent.rootRunId} is not known to this process`;
    if (tree.runs + children > maxRunsPerTree)
      return `this run tree already has ${count(tree.runs)} runs; the limit is ${count(maxRunsPerTree)}, and this step would start ${count(children)} more`;
    tree.runs += children;
    return null;
  }
}

const count = (value: number) => value.toLocaleString("en");
