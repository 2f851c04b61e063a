// The generated workflows are faithful to the specs: each passes Orka's validator, and a real run
// of each, on both routes, answers what the benchmark's check accepts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, validateDefinition, type Engine } from "../../engine/index";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";
import { createSqliteTestDatabase } from "../../server/testing/sqlite-store-db";
import { checkAnswer, orkaCompletion } from "./check-answer";
import { toOrkaDefinition } from "./to-orka";
import { loadWorkloadSpecs, requestBody } from "./workload-spec";

const specs = [...loadWorkloadSpecs().values()];
const database = createSqliteTestDatabase();
let store: SqliteRunStore;
let engine: Engine;

beforeAll(async () => {
  store = SqliteRunStore.open(database.filename);
  engine = createEngine({ store });
  await engine.start();
});

afterAll(async () => {
  await engine.stop();
  await store.close();
  database.cleanup();
});

/** What the webhook answers with `?wait=true` once the run finished. */
async function answerOf(definition: unknown, input: unknown) {
  const { runId } = await engine.startRun({ definition, input });
  const { run } = await engine.waitForRun(runId);
  return { statusCode: 200, body: JSON.stringify({ runId, status: run.status, output: run.output, error: run.error }) };
}

describe.each(specs.map((spec) => [spec.id, spec] as const))("%s as an Orka workflow", (_id, spec) => {
  const definition = toOrkaDefinition(spec);

  it("is a valid definition with one Orka step per spec step", () => {
    expect(validateDefinition(definition)).toMatchObject({ ok: true });
    expect(definition.steps.map((step) => step.id)).toEqual(spec.steps.map((step) => step.id));
  });

  it.each([0, 1])("answers what the check accepts for request %i (routes a and b)", async (index) => {
    const body = requestBody(index);
    const answer = await answerOf(definition, body);
    expect(checkAnswer(answer, spec, body.route, orkaCompletion)).toBeNull();
  });
});

describe("the check catches a wrong answer", () => {
  it("refuses route a's answer of W4 as route b's (its fields absent, the others present)", async () => {
    const w4 = specs.find((spec) => spec.id === "W4")!;
    const answer = await answerOf(toOrkaDefinition(w4), requestBody(0));
    expect(checkAnswer(answer, w4, "b", orkaCompletion)).toMatch(/^field b1 missing$/);
  });
});
