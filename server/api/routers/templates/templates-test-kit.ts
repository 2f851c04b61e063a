import type { Session } from "@/server/auth";
import type { Db } from "@/server/db/create-prisma-client";
import type { WorkflowsTestKit } from "../workflows/workflows-test-kit";

/**
 * `fetch_contact ──▶ done`: the http step reads the team secret CRM_TOKEN (by name only), so a
 * template of it "needs secrets". Never run by these tests (no network).
 */
export function crmDefinition(name: string, label = "Fetch contact") {
  return {
    format: "orka/v1",
    name,
    namespace: "default",
    steps: [
      { id: "fetch_contact", type: "http", name: label, config: { url: "https://crm.example.test/contacts", headers: { Authorization: "Bearer {{ $secrets.CRM_TOKEN }}" } } },
      { id: "done", type: "noop", config: { output: "$steps.fetch_contact.output.status" } },
    ],
    edges: [{ from: "fetch_contact", to: "done" }],
  };
}

/** A workflow of `member`'s team with one published version per definition, in order. */
export async function publishedWorkflow(kit: WorkflowsTestKit, member: Session, name: string, ...definitions: unknown[]): Promise<string> {
  const caller = kit.callerFor(member);
  const { id } = await caller.workflows.create({ name });
  for (const [index, draft] of definitions.entries()) {
    await caller.workflows.saveDraft({ workflowId: id, baseRevision: index, draft });
    await caller.workflows.publish({ workflowId: id, baseRevision: index + 1 });
  }
  return id;
}

/** Row counts of everything publish, use and delete write: "nothing changed" compares two of these. */
export async function templateRowCounts(db: Db) {
  return {
    templates: await db.template.count(),
    versions: await db.templateVersion.count(),
    tags: await db.templateTag.count(),
    workflows: await db.workflow.count(),
    schedules: await db.schedule.count(),
    webhooks: await db.workflowWebhook.count(),
    audit: await db.auditEvent.count(),
  };
}
