import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunStatus } from "@/engine/definition";
import type { Session } from "@/server/auth";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "./runs-test-kit";

let kit: RunsTestKit;
let viewer: Session;
let editor: Session;
let outsider: Session;
let invoices: string;
let emails: string;

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));

/** A run row as the engine would have left it, at a chosen time (the listing only reads). */
async function insertRun(team: Session, fields: { workflowId?: string | null; status?: RunStatus; createdAt: Date; id?: string; parentRunId?: string; input?: unknown }) {
  const id = fields.id ?? crypto.randomUUID();
  const { createdAt, status = "completed", workflowId = null, parentRunId = null, input = {} } = fields;
  await kit.testDb.db.run.create({
    data: { id, teamId: team.team.id, workflowId, parentRunId, status, definition: "{}", input: JSON.stringify(input), createdAt, updatedAt: createdAt },
  });
  return id;
}

type ListInput = Parameters<ReturnType<RunsTestKit["callerFor"]>["runs"]["list"]>[0];
const ids = async (input: ListInput = {}) => (await kit.callerFor(viewer).runs.list(input)).items.map((run) => run.id);

beforeAll(async () => {
  kit = await createRunsTestKit();
  editor = await kit.memberOf("editor", "Ours");
  viewer = await kit.joinTeamOf(editor, "viewer");
  outsider = await kit.memberOf("owner", "Theirs");
  invoices = await kit.publishedWorkflow(editor, "invoices", doublingDefinition("invoices"));
  emails = await kit.publishedWorkflow(editor, "emails", doublingDefinition("emails"));
});

afterAll(() => kit.cleanup());

describe("runs.list", () => {
  // minute:  1 invoices completed   2 emails failed   3 invoices running   4 invoices failed
  //          + a child of run 3 at minute 5, and another team's run at minute 6
  let runs: string[];
  let child: string;
  let theirs: string;
  beforeAll(async () => {
    runs = [
      await insertRun(editor, { workflowId: invoices, status: "completed", createdAt: minute(1) }),
      await insertRun(editor, { workflowId: emails, status: "failed", createdAt: minute(2) }),
      await insertRun(editor, { workflowId: invoices, status: "running", createdAt: minute(3) }),
      await insertRun(editor, { workflowId: invoices, status: "failed", createdAt: minute(4) }),
    ];
    child = await insertRun(editor, { status: "running", createdAt: minute(5), parentRunId: runs[2] });
    theirs = await insertRun(outsider, { status: "running", createdAt: minute(6) });
  });

  const range = { from: minute(0), to: minute(59) };

  it("lists the team's top-level runs newest first, with the total", async () => {
    const page = await kit.callerFor(viewer).runs.list(range);
    expect(page.items.map((run) => run.id)).toEqual([...runs].reverse());
    expect(page).toMatchObject({ nextCursor: null, total: 4 });
    expect(page.items.at(-1)).toEqual({
      id: runs[0],
      status: "completed",
      workflow: { id: invoices, name: "invoices" },
      version: null,
      createdAt: minute(1),
      updatedAt: minute(1),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
      failedStep: null,
      parentRunId: null,
      trigger: null,
      startedBy: null,
    });
  });

  it("searches by the start of a run id, and by a field of the run input (in the database)", async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 1, n));
    const searched = { from: day(1), to: day(28) };
    const [fortyTwo, fortyTwoText, other, vip, nested] = [
      await insertRun(editor, { createdAt: day(1), id: "search-42-a", input: { customer: { id: 42, vip: true } } }),
      await insertRun(editor, { createdAt: day(2), id: "search-42-b", input: { customer: { id: "42" } } }),
      await insertRun(editor, { createdAt: day(3), id: "search-43", input: { customer: { id: 43, vip: false } } }),
      await insertRun(editor, { createdAt: day(4), id: "search-vip", input: { customer: { vip: true, tags: ["gold"] } } }),
      await insertRun(editor, { createdAt: day(5), id: "search-null", input: { customer: { id: null } } }),
    ];
    await insertRun(outsider, { createdAt: day(6), id: "search-theirs", input: { customer: { id: 42 } } });
    expect(await ids({ ...searched, search: "search-42" })).toEqual([fortyTwoText, fortyTwo]);
    expect(await ids({ ...searched, search: "customer.id = 42" })).toEqual([fortyTwo]);
    expect(await ids({ ...searched, search: 'customer.id = "42"' })).toEqual([fortyTwoText]);
    expect(await ids({ ...searched, search: "$.customer.vip = true" })).toEqual([vip, fortyTwo]);
    expect(await ids({ ...searched, search: "customer.tags[0] = gold" })).toEqual([vip]);
    expect(await ids({ ...searched, search: "customer.id = null" })).toEqual([nested]);
    expect(await ids({ ...searched, search: "customer.id = 44" })).toEqual([]);
    expect(other).toBe("search-43");
    await expect(kit.callerFor(viewer).runs.list({ search: "customer id is 42" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("names each run's trigger and who started it, from the audit log", async () => {
    const started = [
      { runId: runs[0]!, actorId: editor.user.id, actorName: editor.user.name, trigger: "manual" },
      { runId: runs[1]!, actorId: null, actorName: "webhook", trigger: "webhook" },
      { runId: runs[2]!, actorId: null, actorName: "schedule", trigger: "schedule" },
      { runId: runs[3]!, actorId: null, actorName: "API key billing", trigger: "api" },
    ];
    for (const { runId, actorId, actorName } of started)
      await kit.testDb.db.auditEvent.create({ data: { teamId: editor.team.id, actorId, actorName, action: "run.started", targetType: "run", targetId: runId } });
    const items = (await kit.callerFor(viewer).runs.list(range)).items;
    for (const { runId, actorName, trigger } of started) expect(items.find((run) => run.id === runId)).toMatchObject({ trigger, startedBy: actorName });
  });

  it("lists child runs only with includeChildren", async () => {
    expect(await ids(range)).not.toContain(child);
    expect(await ids({ ...range, includeChildren: true })).toEqual([child, ...[...runs].reverse()]);
  });

  it("never lists another team's runs, even asked for their workflow", async () => {
    expect(await ids({ includeChildren: true })).not.toContain(theirs);
    const theirWorkflow = await kit.publishedWorkflow(outsider, "secret", doublingDefinition("secret"));
    await insertRun(outsider, { workflowId: theirWorkflow, createdAt: minute(7) });
    expect(await ids({ workflowId: theirWorkflow })).toEqual([]);
    expect((await kit.callerFor(outsider).runs.list({ workflowId: theirWorkflow })).total).toBe(1);
  });

  it("filters by workflow, by any of several statuses, and by creation time (inclusive)", async () => {
    expect(await ids({ ...range, workflowId: emails })).toEqual([runs[1]]);
    expect(await ids({ ...range, status: ["failed"] })).toEqual([runs[3], runs[1]]);
    expect(await ids({ ...range, status: ["running", "completed"] })).toEqual([runs[2], runs[0]]);
    expect(await ids({ ...range, status: [] })).toHaveLength(4);
    expect(await ids({ ...range, workflowId: invoices, status: ["failed"] })).toEqual([runs[3]]);
    expect(await ids({ from: minute(2), to: minute(3) })).toEqual([runs[2], runs[1]]);
    expect(await ids({ from: minute(4), to: minute(59) })).toEqual([runs[3]]);
  });

  it("refuses bad input with BAD_REQUEST", async () => {
    const list = kit.callerFor(viewer).runs.list as (input: unknown) => Promise<unknown>;
    for (const input of [{ limit: 0 }, { limit: 101 }, { status: ["sleeping"] }, { cursor: "garbage" }, { from: minute(2), to: minute(1) }])
      await expect(list(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("is UNAUTHORIZED without a session and FORBIDDEN outside the team", async () => {
    await expect(kit.callerFor(null).runs.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(kit.callerFor({ ...viewer, team: outsider.team }).runs.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("runs.list pagination", () => {
  let paged: Session;
  let expected: string[];

  // 23 runs over 8 distinct times (several share one), so the id must break ties between pages.
  beforeAll(async () => {
    paged = await kit.memberOf("viewer", "Paged");
    const rows: { id: string; createdAt: Date }[] = [];
    for (let index = 0; index < 23; index += 1) {
      const createdAt = minute(index % 8);
      rows.push({ id: await insertRun(paged, { createdAt }), createdAt });
    }
    expected = rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);
  });

  async function allPages(limit: number, between?: () => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 30; pages += 1) {
      const page = await kit.callerFor(paged).runs.list({ limit, cursor });
      expect(page.total).toBeGreaterThanOrEqual(23);
      seen.push(...page.items.map((run) => run.id));
      if (!page.nextCursor) return seen;
      cursor = page.nextCursor;
      await between?.();
    }
    throw new Error("pagination did not end");
  }

  it.each([1, 5, 7, 23, 100])("pages of %i list every run once, in order", async (limit) => {
    expect(await allPages(limit)).toEqual(expected);
  });

  it("is not disturbed by runs started while paging: they come before the first page", async () => {
    let minuteOffset = 30;
    const seen = await allPages(4, async () => {
      await insertRun(paged, { createdAt: minute(minuteOffset++) });
    });
    expect(seen).toEqual(expected);
  });

  it("has no next cursor on an exactly full last page", async () => {
    const page = await kit.callerFor(paged).runs.list({ limit: 3, from: minute(0), to: minute(0) });
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBeNull();
  });
});

describe("runs.list with runs the engine ran", () => {
  it("gives the version, the duration and the step that failed", async () => {
    //   check (fails) ──▶ after
    const failing = {
      format: "orka/v1",
      name: "failing",
      steps: [
        { id: "check", type: "fail", config: { message: "no stock" } },
        { id: "after", type: "noop" },
      ],
      edges: [{ from: "check", to: "after" }],
    };
    const workflowId = await kit.publishedWorkflow(editor, "failing", failing);
    const { runId } = await kit.callerFor(editor).runs.start({ workflowId });
    await kit.engine.waitForRun(runId);
    const [run] = (await kit.callerFor(viewer).runs.list({ workflowId })).items;
    expect(run).toMatchObject({ id: runId, status: "failed", workflow: { id: workflowId, name: "failing" }, version: 1, failedStep: "check" });
    expect(run?.durationMs).toBeGreaterThanOrEqual(0);
    expect(run?.finishedAt).toBeInstanceOf(Date);
  });
});
