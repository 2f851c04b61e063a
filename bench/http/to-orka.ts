// A workload spec as an Orka workflow (orka/v1), step for step:
//   set  → a `noop` whose `assign` writes the field into the run's `$vars` (the value as a JSONata
//          literal); the workflow's output is `$vars`, so the answer carries every field set on the
//          path the run took (a plain noop costs less but sets nothing; an output expression per
//          step measured the same as assign)
//   join → a `noop` with the incoming edges of the join (Orka runs it once every live one settled)
//   if   → a `condition` on `$input.<field> = <equals>` with `true` / `false` branches
//   trigger → X makes X a start step (no incoming edge); X → respond makes X an end step.
import type { Definition } from "../../engine/definition/index";
import type { WorkloadSpec, WorkloadStep } from "./workload-spec";

const literal = (value: unknown) => JSON.stringify(value);

function toOrkaStep(step: WorkloadStep): Definition["steps"][number] {
  switch (step.op) {
    case "set":
      return { id: step.id, type: "noop", config: {}, assign: { [step.field]: literal(step.value) } };
    case "join":
      return { id: step.id, type: "noop", config: {} };
    case "if":
      return { id: step.id, type: "condition", config: { expression: `$input.${step.field} = ${literal(step.equals)}` } };
  }
}

function toOrkaEdge([from, to]: [string, string]): Definition["edges"][number] | null {
  if (from === "trigger" || to === "respond") return null;
  const [source, branch] = from.split(":") as [string, string | undefined];
  return branch === undefined ? { from: source, to } : { from: source, to, branch };
}

/** The workflow `bench_<id>` (e.g. `bench_w1`) that runs `spec` and answers with the fields it set. */
export function toOrkaDefinition(spec: WorkloadSpec): Definition {
  const name = `bench_${spec.id.toLowerCase()}`;
  return {
    format: "orka/v1",
    name,
    namespace: "bench",
    description: `${spec.id}: ${spec.description} (generated from bench/workloads/${spec.id}.spec.json)`,
    steps: spec.steps.map(toOrkaStep),
    edges: spec.edges.map(toOrkaEdge).filter((edge) => edge !== null),
    output: "$vars",
    maxParallel: 16,
  };
}
