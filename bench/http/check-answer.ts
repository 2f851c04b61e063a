// Whether one HTTP answer is a correct, finished run of a workload: the peer benchmark counts a
// run only when this says so, for Orka and for any other tool driven with the same specs.
import type { Route, WorkloadSpec } from "./workload-spec";

export interface Answer {
  statusCode: number;
  body: string;
}

/**
 * Extra condition of the tool under test on the parsed body (Orka: `status` is "completed"), or
 * null when a 200 carrying every expected field is proof enough (a synchronous webhook answers
 * with the last step's field only after the workflow ran to its end).
 */
export type CompletionCheck = ((body: unknown) => string | null) | null;

export const orkaCompletion: CompletionCheck = (body) => {
  const status = (body as { status?: unknown }).status;
  return status === "completed" ? null : `run ${typeof status === "string" ? status : "status missing"}`;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The value of `field` at the top level of `body` or one level down (`{ output: { s1: 1 } }`). */
function findField(body: Record<string, unknown>, field: string): { found: boolean; value?: unknown } {
  if (field in body) return { found: true, value: body[field] };
  for (const child of Object.values(body)) if (isObject(child) && field in child) return { found: true, value: child[field] };
  return { found: false };
}

/** The fields (with values) a correct answer for `route` carries, and those it must not carry. */
export function expectationsFor(spec: WorkloadSpec, route: Route): { present: Record<string, unknown>; absent: string[] } {
  return {
    present: { ...spec.expect.always, ...spec.expect.whenRoute?.[route] },
    absent: spec.expect.absentWhenRoute?.[route] ?? [],
  };
}

/** Null when the answer is a correct finished run, else why not (one short line). */
export function checkAnswer(answer: Answer, spec: WorkloadSpec, route: Route, completion: CompletionCheck): string | null {
  if (answer.statusCode !== 200) return `HTTP ${answer.statusCode}${answer.statusCode === 202 ? " (not finished within the wait)" : ""}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return "answer is not JSON";
  }
  if (!isObject(body)) return "answer is not a JSON object";
  const incomplete = completion?.(body);
  if (incomplete) return incomplete;
  const { present, absent } = expectationsFor(spec, route);
  for (const [field, value] of Object.entries(present)) {
    const found = findField(body, field);
    if (!found.found) return `field ${field} missing`;
    if (JSON.stringify(found.value) !== JSON.stringify(value)) return `field ${field} is ${JSON.stringify(found.value)}, expected ${JSON.stringify(value)}`;
  }
  for (const field of absent) if (findField(body, field).found) return `field ${field} present on route ${route}`;
  return null;
}
