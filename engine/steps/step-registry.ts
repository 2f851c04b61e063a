import type { StepHandler } from "./handler";
import { builtInStepHandlers } from "./handlers";
import { builtInStepSpecs, type StepSpecs } from "./registry";
import type { StepSpec } from "./spec";

/**
 * A step type as the engine runs it. Config types are erased here: the runtime parses a step's
 * config with its own spec's schema before it calls that spec's handler.
 */
interface StepKind {
  spec: StepSpec;
  handler: StepHandler<never>;
}

/**
 * The step types an engine runs: each one's spec with its handler. Server-side (it holds the
 * handlers); the validator and the canvas need only the `StepSpecs` half.
 *
 * @example
 * const engine = createEngine({ store, steps: builtInStepRegistry.with(shoutSpec, shoutHandler) });
 */
export class StepRegistry implements StepSpecs {
  readonly types: readonly string[];

  private constructor(private readonly kinds: ReadonlyMap<string, StepKind>) {
    this.types = [...kinds.keys()];
  }

  static of(kinds: Iterable<StepKind>): StepRegistry {
    const byType = new Map<string, StepKind>();
    for (const kind of kinds) {
      if (byType.has(kind.spec.type)) throw new Error(`step type "${kind.spec.type}" is registered twice`);
      byType.set(kind.spec.type, kind);
    }
    return new StepRegistry(byType);
  }

  get(type: string): StepSpec | undefined {
    return this.kinds.get(type)?.spec;
  }

  handler(type: string): StepHandler<never> | undefined {
    return this.kinds.get(type)?.handler;
  }

  /** A registry with one more step type, placed last in the palette. */
  with<Config>(spec: StepSpec<string, Config>, handler: StepHandler<Config>): StepRegistry {
    return StepRegistry.of([...this.kinds.values(), { spec, handler }]);
  }
}

export const builtInStepRegistry = StepRegistry.of(builtInStepSpecs.map((spec) => ({ spec, handler: builtInStepHandlers[spec.type] })));
