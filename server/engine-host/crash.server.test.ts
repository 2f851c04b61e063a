// A crash of the real server (`next start`, SIGKILL) while runs are in flight: the restarted
// server answers while it recovers them, and each run finishes once, each step completed once.
import { describe, expect, it } from "vitest";
import {
  callWebhook,
  createLiveDatabases,
  expectAnsweredThroughout,
  probeHealthDuring,
  startRunOverRest,
  type LiveServer,
  type LiveSession,
  useLiveServer,
} from "../testing/live-server";

const stepIds = Array.from({ length: 20 }, (_, index) => `s${String(index + 1).padStart(2, "0")}`);
const delayStep = "s10";
/** s01 → s02 → … → s20: code steps, except `s10`, a delay long enough to be killed in. */
const twentyStepChain = {
  steps: stepIds.map((id, index) => (id === delayStep ? { id, type: "delay", config: { ms: 4_000 } } : { id, type: "code", config: { source: `return ${index + 1}` } })),
  edges: stepIds.slice(1).map((id, index) => ({ from: stepIds[index]!, to: id })),
  output: "$steps.s20.output",
};

describe.each(await createLiveDatabases())("SIGKILL while runs are in flight on %s", (_name, database) => {
  let server: LiveServer;
  let owner: LiveSession;

  useLiveServer(database, {}, (live) => {
    ({ server, owner } = live);
  });

  it.skipIf(!database)("runs started by tRPC, REST and webhook, killed in a delay of a 20-step chain, each complete once after the restart", async () => {
    const workflowId = await owner.publishWorkflow(twentyStepChain, "crash");
    const apiKey = await owner.createApiKey();
    const webhook = await owner.createWebhook(workflowId);
    const overRest = await startRunOverRest(server, apiKey, workflowId);
    const overWebhook = await callWebhook(server, webhook);
    expect([overRest.status, overWebhook.status]).toEqual([201, 202]);
    const runIds = [await owner.startRun(workflowId), overRest.body.runId!, overWebhook.body.runId!];
    for (const runId of runIds) await server.database.waitForStepStatus(runId, delayStep, ["waiting"]);
    const before = await server.database.counts();

    await server.halt("SIGKILL");
    // Killed mid-delay: nothing after it ran, nothing finished.
    for (const runId of runIds) {
      expect([await server.database.runStatus(runId), await server.database.stepStatus(runId, delayStep), await server.database.stepStatus(runId, "s11")]).toEqual(["running", "waiting", "pending"]);
    }

    await server.start("answering"); // the probe covers the recovery and the rest of the runs
    const finishing = Promise.all(runIds.map((runId) => server.database.waitForRunStatus(runId, ["completed", "failed", "cancelled"])));
    const { result: statuses, probe } = await probeHealthDuring(server, finishing);
    expectAnsweredThroughout(probe);
    expect(statuses).toEqual(["completed", "completed", "completed"]);

    for (const runId of runIds) {
      const events = await server.database.runEvents(runId);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.filter((event) => event.type === "run.completed")).toHaveLength(1);
      const completed = events.filter((event) => event.type === "step.completed").map((event) => event.stepId);
      expect(completed).toEqual(stepIds);
      // The steps before the delay finished before the kill and were not run again.
      const started = events.filter((event) => event.type === "step.started").map((event) => event.stepId);
      expect(started).toEqual(stepIds);
    }
    // Nothing else changed: the runs' events grew, every other row count is as before the kill.
    const after = await server.database.counts();
    expect({ ...after, run_events: before.run_events }).toEqual(before);
    expect(after.run_events).toBeGreaterThan(before.run_events);
  });
});
