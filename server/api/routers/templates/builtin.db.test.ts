import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { seed } from "@/server/db/seed";
import type { ExampleKey } from "@/server/examples/index";
import { exampleDefinitions } from "@/server/examples/index";
import { seedBuiltinTemplates } from "@/server/templates/builtin-templates";
import { createRunsTestKit, type RunsTestKit } from "../runs/runs-test-kit";

let kit: RunsTestKit;
let editor: Session;
const keys = Object.keys(exampleDefinitions) as ExampleKey[];

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Users of templates");
});

afterAll(() => kit.cleanup());

const builtinRows = () =>
  kit.testDb.db.template.findMany({
    where: { builtinKey: { not: null } },
    orderBy: { builtinKey: "asc" },
    select: { builtinKey: true, teamId: true, visibility: true, latestVersion: true, updatedAt: true, _count: { select: { versions: true } } },
  });

/** A member of the seeded default team, which the seed leaves without members. */
async function defaultTeamMember(teamId: string): Promise<Session> {
  const user = await kit.testDb.db.user.create({ data: { email: "first@example.test", name: "First" }, select: { id: true, email: true, name: true } });
  const team = await kit.testDb.db.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, name: true } });
  await kit.testDb.db.membership.create({ data: { userId: user.id, teamId, role: "owner" } });
  return { user, team, role: "owner" };
}

describe("built-in templates", () => {
  let defaultTeamId: string;

  it("are seeded once, public and team-less, with the example workflows made from them", async () => {
    const first = await seed(kit.testDb.db);
    defaultTeamId = first.teamId;
    expect(first.templates).toMatchObject({ created: keys, updated: [], unchanged: [] });
    expect(first.installed).toEqual(keys);
    const rows = await builtinRows();
    expect(rows.map(({ builtinKey, teamId, visibility, latestVersion, _count }) => ({ builtinKey, teamId, visibility, latestVersion, versions: _count.versions }))).toEqual(
      [...keys].sort().map((key) => ({ builtinKey: key, teamId: null, visibility: "public", latestVersion: 1, versions: 1 })),
    );
    const installed = await kit.testDb.db.workflow.findMany({ where: { teamId: first.teamId }, select: { exampleKey: true, templateId: true, templateVersion: true } });
    for (const workflow of installed) expect(workflow).toEqual({ exampleKey: expect.any(String), templateId: first.templates.templates[workflow.exampleKey!]!.id, templateVersion: 1 });

    const again = await seed(kit.testDb.db);
    expect(again.templates).toMatchObject({ created: [], updated: [], unchanged: keys });
    expect(again.kept).toEqual(keys);
    expect(await builtinRows()).toEqual(rows);
  });

  it("get a new version only when the shipped definition differs from the latest one", async () => {
    const etl = await kit.testDb.db.template.findUniqueOrThrow({ where: { builtinKey: "etl" }, select: { id: true } });
    // As if version 1 had shipped with another definition than this build's.
    await kit.testDb.db.templateVersion.update({ where: { templateId_number: { templateId: etl.id, number: 1 } }, data: { definition: JSON.stringify({ ...exampleDefinitions.etl, description: "older" }) } });
    const result = await seedBuiltinTemplates(kit.testDb.db);
    expect(result).toMatchObject({ updated: ["etl"], templates: { etl: { id: etl.id, version: 2 } } });
    const latest = await kit.testDb.db.templateVersion.findUniqueOrThrow({ where: { templateId_number: { templateId: etl.id, number: 2 } }, select: { definition: true } });
    expect(JSON.parse(latest.definition)).toEqual(exampleDefinitions.etl);
    expect((await seedBuiltinTemplates(kit.testDb.db)).unchanged).toEqual(keys);

    // The default team's installed ETL example copied version 1: the designer offers the newer one.
    const member = await defaultTeamMember(defaultTeamId);
    const workflow = await kit.testDb.db.workflow.findFirstOrThrow({ where: { teamId: defaultTeamId, exampleKey: "etl" }, select: { id: true } });
    expect((await kit.callerFor(member).workflows.get({ workflowId: workflow.id })).template).toMatchObject({ id: etl.id, version: 1, latestVersion: 2 });
  });
});

/** The input each example runs with (as in server/examples/examples.db.test.ts). */
const inputs: Record<ExampleKey, unknown> = {
  "user-onboarding": { email: "ada@example.com", plan: "pro", seats: 3 },
  checkout: { customer: { id: "c1", tier: "vip" }, total: 120 },
  etl: { records: [1, 2, 3, 4, 5] },
  "incident-response": { title: "DB down", service: "db", severity: "critical" },
  "fan-out-report": { period: "2026-Q3" },
};

describe("every built-in template, used as is, makes a workflow that runs to completion", () => {
  it.each(keys)("%s", async (key) => {
    const caller = kit.callerFor(editor);
    const template = await kit.testDb.db.template.findUniqueOrThrow({ where: { builtinKey: key }, select: { id: true } });
    const made = await caller.templates.use({ templateId: template.id });
    const { runId } = await caller.runs.start({ workflowId: made.id, input: inputs[key] });
    let settled = await kit.engine.waitForRun(runId);
    if (key === "incident-response") {
      expect(settled.run.status).toBe("running");
      const approval = settled.steps.find((step) => step.status === "waiting")!;
      await caller.runs.approveStep({ runId, stepId: approval.stepId, comment: "paging" });
      settled = await kit.engine.waitForRun(runId);
    }
    expect([settled.run.status, settled.run.error]).toEqual(["completed", null]);
    expect(settled.run.output).not.toBeNull();
  });
});
