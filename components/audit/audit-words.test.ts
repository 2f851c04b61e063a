import { describe, expect, it } from "vitest";
import { auditNote, auditSentence, auditWords, isMachineActor, type AuditWordsInput } from "./audit-words";

const runId = "0194f3a2-7b1c-7d00-8e11-3f2a9c1d";
const entry = (action: string, target: AuditWordsInput["target"], detail: Record<string, unknown> = {}, actor = "Ada"): AuditWordsInput => ({
  action,
  actor: { name: actor },
  target,
  detail,
});
const workflow = { type: "workflow", id: "wf1", label: "Checkout" };
const run = { type: "run", id: runId, label: "Checkout" };

describe("auditSentence", () => {
  const cases: [AuditWordsInput, string][] = [
    [entry("workflow.published", workflow, { version: 3 }), "Ada published “Checkout” v3"],
    [entry("workflow.created", workflow, { namespace: "shop" }), "Ada created workflow “Checkout”"],
    [entry("workflow.created", { ...workflow, label: "Checkout_copy" }, { duplicatedFrom: { id: "wf0", name: "Checkout" } }), "Ada duplicated “Checkout” as “Checkout_copy”"],
    [entry("workflow.renamed", { ...workflow, label: "payments" }, { from: "Checkout", to: "payments" }), "Ada renamed “Checkout” to “payments”"],
    [entry("workflow.renamed", workflow, { from: "Checkout", to: "Checkout" }), "Ada changed the description of “Checkout”"],
    [entry("workflow.imported", workflow, { format: "yaml", steps: 4 }), "Ada imported a definition into “Checkout”"],
    [entry("workflow.version_restored", workflow, { version: 2 }), "Ada restored v2 of “Checkout” as the draft"],
    [entry("workflow.deleted", workflow), "Ada deleted workflow “Checkout”"],
    [entry("run.started", run, { workflow: "Checkout", version: 3 }, "webhook"), "webhook started run 3f2a9c1d of “Checkout” v3"],
    [entry("run.started", run, { workflow: "Checkout", version: 3 }, "API key CI"), "API key CI started run 3f2a9c1d of “Checkout” v3"],
    [entry("run.started", run, { workflow: "Checkout", version: 1, rerunOf: "0194-aaaa-bbbbcccc" }), "Ada started run 3f2a9c1d of “Checkout” v1 (a rerun of run bbbbcccc)"],
    [entry("run.step_retried", run, { stepId: "charge", reason: "card fixed" }), "Ada retried step “charge” of run 3f2a9c1d of “Checkout”"],
    [entry("run.step_retried", run, { stepIds: ["a", "b"], bulk: true }), "Ada retried steps “a”, “b” of run 3f2a9c1d of “Checkout”"],
    [entry("run.step_resolved", run, { stepId: "charge" }), "Ada resolved step “charge” of run 3f2a9c1d of “Checkout”"],
    [entry("run.step_approved", run, { stepId: "gate" }), "Ada approved step “gate” of run 3f2a9c1d of “Checkout”"],
    [entry("run.step_rejected", run, { stepId: "gate" }), "Ada rejected step “gate” of run 3f2a9c1d of “Checkout”"],
    [entry("run.cancelled", { ...run, label: "" }), "Ada cancelled run 3f2a9c1d"],
    [entry("member.role_changed", { type: "member", id: "u2", label: "bob@example.test" }, { from: "viewer", to: "editor" }), "Ada changed the role of bob@example.test from viewer to editor"],
    [entry("member.joined", { type: "member", id: "u2", label: "bob@example.test" }, { role: "editor" }, "Bob"), "Bob joined the team as editor"],
    [entry("member.removed", { type: "member", id: "u2", label: "bob@example.test" }, { role: "editor" }), "Ada removed bob@example.test from the team"],
    [entry("member.removed", { type: "member", id: "u2", label: "bob@example.test" }, { role: "editor", left: true }, "Bob"), "Bob left the team"],
    [entry("member.invited", { type: "invite", id: "i1", label: "viewer invite" }, { role: "viewer" }), "Ada created an invite link for the role viewer"],
    [entry("invite.revoked", { type: "invite", id: "i1", label: "viewer invite" }), "Ada revoked an invite link (viewer invite)"],
    [entry("team.created", { type: "team", id: "t1", label: "Acme" }), "Ada created the team “Acme”"],
    [entry("team.renamed", { type: "team", id: "t1", label: "Acme Inc" }, { from: "Acme" }), "Ada renamed the team from “Acme” to “Acme Inc”"],
    [entry("secret.saved", { type: "secret", id: "s1", label: "STRIPE_KEY" }, { replaced: false }), "Ada saved secret STRIPE_KEY"],
    [entry("secret.saved", { type: "secret", id: "s1", label: "STRIPE_KEY" }, { replaced: true }), "Ada replaced the value of secret STRIPE_KEY"],
    [entry("template.published", { type: "template", id: "t1", label: "ETL" }, { version: 2, visibility: "public" }), "Ada published template “ETL” v2 for every team"],
    [entry("template.used", { type: "template", id: "t1", label: "ETL" }, { workflowId: "w9", version: 2 }), "Ada created a workflow from template “ETL” v2"],
    [entry("workflow.created", { ...workflow, label: "etl" }, { templateId: "t1", templateVersion: 2 }), "Ada created workflow “etl” from a template"],
    [entry("api_key.created", { type: "api_key", id: "k1", label: "CI" }, { prefix: "orka_abcdefgh" }), "Ada created API key “CI”"],
    [entry("webhook.rotated", workflow, { replaced: false }), "Ada created a webhook for “Checkout”"],
    [entry("webhook.rotated", workflow, { replaced: true }), "Ada rotated the webhook URL of “Checkout”"],
    [entry("schedule.created", { type: "schedule", id: "s1", label: "Checkout" }, { cron: "0 9 * * 1-5", timezone: "Europe/Paris" }), "Ada added a schedule “0 9 * * 1-5 (Europe/Paris)” to “Checkout”"],
    [
      entry("schedule.updated", { type: "schedule", id: "s1", label: "Checkout" }, { cron: "0 10 * * *", timezone: "UTC", enabled: false, changed: ["cron", "enabled"] }),
      "Ada changed a schedule of “Checkout” to “0 10 * * * (UTC)”, now paused",
    ],
    [entry("schedule.deleted", { type: "schedule", id: "s1", label: "Checkout" }, { cron: "@daily", timezone: "UTC" }), "Ada deleted the schedule “@daily (UTC)” of “Checkout”"],
  ];
  it.each(cases.map(([input, sentence]) => [sentence, input] as const))("reads %s", (sentence, input) => {
    expect(auditSentence(input)).toBe(sentence);
  });

  it("still says something for an action it has no words for, and for details it cannot read", () => {
    expect(auditSentence(entry("robot.dance", { type: "robot", id: null, label: "" }))).toBe("Ada did robot.dance on a robot");
    expect(auditSentence(entry("workflow.published", workflow, { version: "three" }))).toBe("Ada published “Checkout”");
    expect(auditSentence(entry("run.step_resolved", { type: "run", id: null, label: "" }, { stepId: 42 }))).toBe("Ada resolved a step of a run");
  });
});

describe("auditWords", () => {
  it("marks the target, so the page can link it", () => {
    expect(auditWords(entry("workflow.published", workflow, { version: 3 }))).toEqual(["Ada ", "published ", { target: "“Checkout”" }, " v3"]);
  });
});

describe("auditNote and isMachineActor", () => {
  it("gives the reason or comment, and says when it was a bulk action", () => {
    expect(auditNote(entry("run.cancelled", run, { reason: "duplicate order" }))).toBe("“duplicate order”");
    expect(auditNote(entry("run.step_approved", run, { comment: "ok" }))).toBe("“ok”");
    expect(auditNote(entry("run.cancelled", run, { bulk: true, reason: "cleanup" }))).toBe("Part of a bulk action: “cleanup”");
    expect(auditNote(entry("run.cancelled", run, { bulk: true }))).toBe("Part of a bulk action");
    expect(auditNote(entry("workflow.deleted", workflow))).toBeNull();
  });

  it("tells machines from people, including people whose account is gone", () => {
    expect(isMachineActor({ id: null, name: "webhook" })).toBe(true);
    expect(isMachineActor({ id: null, name: "API key CI" })).toBe(true);
    expect(isMachineActor({ id: null, name: "Ada" })).toBe(false);
    expect(isMachineActor({ id: "u1", name: "schedule" })).toBe(false);
  });
});
