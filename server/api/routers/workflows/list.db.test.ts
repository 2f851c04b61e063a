import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Session } from "@/server/auth";
import { createCaller } from "@/server/api/root";
import { createTeamWithMember } from "@/server/testing/members";
import { createSqliteTestDb, type SqliteTestDb } from "@/server/testing/sqlite-test-db";
import type { listWorkflowsInputSchema } from "./list.schema";

let testDb: SqliteTestDb;
let ours: Session;
let theirs: Session;

const callerFor = (session: Session | null) => createCaller({ db: testDb.db, dbProvider: "sqlite", session });

interface WorkflowFields {
  name: string;
  namespace?: string;
  description?: string;
  steps?: number;
  createdAt?: Date;
  updatedAt?: Date;
}

async function createWorkflow(session: Session, fields: WorkflowFields) {
  const steps = Array.from({ length: fields.steps ?? 1 }, (_, index) => ({ id: `step_${index}`, type: "noop" }));
  const { steps: _, ...columns } = fields;
  return testDb.db.workflow.create({
    data: { ...columns, teamId: session.team.id, draft: JSON.stringify({ format: "orka/v1", name: fields.name, steps }) },
    select: { id: true },
  });
}

async function createRun(workflowId: string, teamId: string, status: string, createdAt: Date) {
  await testDb.db.run.create({
    data: { id: crypto.randomUUID(), teamId, workflowId, status, definition: "{}", input: "{}", createdAt, updatedAt: createdAt },
  });
}

beforeAll(async () => {
  testDb = await createSqliteTestDb();
  ours = await createTeamWithMember(testDb.db, { teamName: "Ours", role: "viewer" });
  theirs = await createTeamWithMember(testDb.db, { teamName: "Theirs", role: "owner" });
  const invoices = await createWorkflow(ours, { name: "invoice_sync", namespace: "billing", description: "Copies invoices nightly", steps: 3 });
  await createWorkflow(ours, { name: "welcome_email", namespace: "accounts", description: "Greets new users" });
  await createWorkflow(theirs, { name: "invoice_secret", namespace: "billing", description: "Another team's invoices" });
  await createRun(invoices.id, ours.team.id, "failed", new Date("2026-01-01T00:00:00Z"));
  await createRun(invoices.id, ours.team.id, "completed", new Date("2026-01-02T00:00:00Z"));
});

afterAll(() => testDb.cleanup());

describe("workflows.list", () => {
  it("lists only the caller's team's workflows, with step count and latest run status", async () => {
    const workflows = await callerFor(ours).workflows.list();
    expect(workflows.map((workflow) => workflow.name).sort()).toEqual(["invoice_sync", "welcome_email"]);
    expect(workflows.find((workflow) => workflow.name === "invoice_sync")).toMatchObject({
      namespace: "billing",
      description: "Copies invoices nightly",
      stepCount: 3,
      lastRunStatus: "completed",
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    expect(workflows.find((workflow) => workflow.name === "welcome_email")?.lastRunStatus).toBeNull();
  });

  it("returns only the summary fields, never the draft", async () => {
    const [workflow] = await callerFor(ours).workflows.list();
    expect(Object.keys(workflow ?? {}).sort()).toEqual(["createdAt", "description", "id", "lastRunStatus", "name", "namespace", "stepCount", "updatedAt"]);
  });

  it("filters by name, namespace or description, ignoring case, within the team", async () => {
    const names = async (search: string) => (await callerFor(ours).workflows.list({ search })).map((workflow) => workflow.name);
    expect(await names("INVOICE")).toEqual(["invoice_sync"]);
    expect(await names("accounts")).toEqual(["welcome_email"]);
    expect(await names("new users")).toEqual(["welcome_email"]);
    expect(await names("nothing like this")).toEqual([]);
  });

  it("returns an empty list for a team without workflows", async () => {
    const empty = await createTeamWithMember(testDb.db, { teamName: "Empty", role: "editor" });
    expect(await callerFor(empty).workflows.list()).toEqual([]);
  });

  it("refuses callers without a session or without a membership in the team", async () => {
    await expect(callerFor(null).workflows.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const stranger = { ...ours, team: theirs.team };
    await expect(callerFor(stranger).workflows.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects an overlong search with BAD_REQUEST", async () => {
    await expect(callerFor(ours).workflows.list({ search: "x".repeat(201) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("workflows.list sort", () => {
  let sorted: Session;
  const day = (date: string) => new Date(`${date}T00:00:00Z`);

  // Each order differs from the other two, so a sort that falls back to another one fails:
  //   name     b_middle   a_first    c_last
  //   created  01-01      02-01      03-01    → created: c_last, a_first, b_middle
  //   updated  03-01      01-15      02-01    → updated: b_middle, c_last, a_first
  beforeAll(async () => {
    sorted = await createTeamWithMember(testDb.db, { teamName: "Sorted", role: "viewer" });
    await createWorkflow(sorted, { name: "b_middle", description: "report", createdAt: day("2026-01-01"), updatedAt: day("2026-03-01") });
    await createWorkflow(sorted, { name: "a_first", description: "report", createdAt: day("2026-02-01"), updatedAt: day("2026-01-15") });
    await createWorkflow(sorted, { name: "c_last", description: "other", createdAt: day("2026-03-01"), updatedAt: day("2026-02-01") });
  });

  const names = async (input?: z.input<typeof listWorkflowsInputSchema>) =>
    (await callerFor(sorted).workflows.list(input)).map((workflow) => workflow.name);

  it("puts the most recently updated first by default and for sort: updated", async () => {
    expect(await names()).toEqual(["b_middle", "c_last", "a_first"]);
    expect(await names({ sort: "updated" })).toEqual(["b_middle", "c_last", "a_first"]);
  });

  it("puts the newest first for sort: created, and returns when each was created", async () => {
    const workflows = await callerFor(sorted).workflows.list({ sort: "created" });
    expect(workflows.map((workflow) => [workflow.name, workflow.createdAt])).toEqual([
      ["c_last", day("2026-03-01")],
      ["a_first", day("2026-02-01")],
      ["b_middle", day("2026-01-01")],
    ]);
  });

  it("orders A→Z for sort: name", async () => {
    expect(await names({ sort: "name" })).toEqual(["a_first", "b_middle", "c_last"]);
  });

  it("sorts only what the search matched", async () => {
    expect(await names({ search: "REPORT", sort: "name" })).toEqual(["a_first", "b_middle"]);
    expect(await names({ search: "report", sort: "created" })).toEqual(["a_first", "b_middle"]);
  });

  it("rejects an unknown sort with BAD_REQUEST", async () => {
    const list = callerFor(sorted).workflows.list as (input: unknown) => Promise<unknown>;
    await expect(list({ sort: "popularity" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(list({ sort: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
