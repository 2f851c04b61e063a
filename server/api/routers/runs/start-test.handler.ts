import "server-only";
import { personActor } from "@/server/audit/record-audit";
import { startTestRun } from "@/server/test-runs/start-test-run";
import { requireEngine, type TeamContext } from "../../trpc";
import type { StartTestRunInput, TestStepInput } from "./start-test.schema";

/** Runs the draft as it is, without publishing: a test run (see `server/test-runs/start-test-run.ts`). */
export async function startTest({ ctx, input }: { ctx: TeamContext; input: StartTestRunInput }): Promise<{ runId: string }> {
  const engine = await requireEngine(ctx);
  return startTestRun(ctx.db, engine, ctx.membership, personActor(ctx.session), { workflowId: input.workflowId, input: input.input });
}

/** Runs one step of the draft (after the steps it depends on, taken from a previous run or their pins). */
export async function testStep({ ctx, input }: { ctx: TeamContext; input: TestStepInput }): Promise<{ runId: string }> {
  const engine = await requireEngine(ctx);
  return startTestRun(ctx.db, engine, ctx.membership, personActor(ctx.session), input);
}
