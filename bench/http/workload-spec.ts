// The peer benchmark's workloads as tool-independent data (bench/workloads/W*.spec.json): every
// run is an HTTP POST answered once the workflow finished; every step sets one field to a constant.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const stepSchema = z.discriminatedUnion("op", [
  z.strictObject({ id: z.string(), op: z.literal("set"), field: z.string(), value: z.unknown() }),
  z.strictObject({ id: z.string(), op: z.literal("join") }),
  z.strictObject({ id: z.string(), op: z.literal("if"), field: z.string(), equals: z.unknown() }),
]);

const fieldValuesSchema = z.record(z.string(), z.unknown());
const routeSchema = z.enum(["a", "b"]);

export const workloadSpecSchema = z.strictObject({
  id: z.string().regex(/^W\d+$/),
  description: z.string(),
  trigger: z.strictObject({ method: z.literal("POST"), path: z.string().regex(/^[a-z0-9_-]+$/) }),
  steps: z.array(stepSchema).min(1),
  /** `[from, to]`; "trigger" starts, "respond" answers, `<if id>:true|false` is a branch. */
  edges: z.array(z.tuple([z.string(), z.string()])),
  expect: z.strictObject({
    always: fieldValuesSchema.optional(),
    whenRoute: z.partialRecord(routeSchema, fieldValuesSchema).optional(),
    absentWhenRoute: z.partialRecord(routeSchema, z.array(z.string())).optional(),
  }),
});

export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
export type WorkloadStep = WorkloadSpec["steps"][number];
export type Route = z.infer<typeof routeSchema>;

export const workloadsFolder = path.resolve(import.meta.dirname, "../workloads");

/** Every spec in `folder` (`W*.spec.json`), by id, refusing a malformed one with its file name. */
export function loadWorkloadSpecs(folder = workloadsFolder): Map<string, WorkloadSpec> {
  const specs = new Map<string, WorkloadSpec>();
  const files = fs.readdirSync(folder).filter((name) => /^W\d+\.spec\.json$/.test(name));
  for (const name of files.sort((a, b) => Number(a.slice(1, -10)) - Number(b.slice(1, -10)))) {
    const parsed = workloadSpecSchema.safeParse(JSON.parse(fs.readFileSync(path.join(folder, name), "utf8")));
    if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
    specs.set(parsed.data.id, parsed.data);
  }
  return specs;
}

/** The body of run number `i`: `{ i, route }` with the route alternating a, b, a, … */
export function requestBody(i: number): { i: number; route: Route } {
  return { i, route: i % 2 === 0 ? "a" : "b" };
}
