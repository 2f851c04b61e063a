import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createCaller } from "@/server/api/root";
import { createTeamWithMember } from "@/server/testing/members";
import { createSqliteTestDb, type SqliteTestDb } from "@/server/testing/sqlite-test-db";

let testDb: SqliteTestDb;
let ours: Session;
let theirs: Session;

const callerFor = (session: Session | null) => createCaller({ db: testDb.db, dbProvider: "sqlite", session });

async function createWorkflow(session: Session, fields: { name: string; namespace?: string; description?: string; steps?: number }) {
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
      updatedAt: expect.any(Date),
    });
    expect(workflows.find((workflow) => workflow.name === "welcome_email")?.lastRunStatus).toBeNull();
  });

  it("returns only the summary fields, never the draft", async () => {
    const [workflow] = await callerFor(ours).workflows.list();
    expect(Object.keys(workflow ?? {}).sort()).toEqual(["description", "id", "lastRunStatus", "name", "namespace", "stepCount", "updatedAt"]);
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
