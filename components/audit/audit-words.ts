import type { AuditAction } from "@/server/audit/record-audit";
import { shortRunId } from "@/components/runs/run-text";

/** What the words of an entry are made from (a subset of an `audit.list` entry). */
export interface AuditWordsInput {
  action: string;
  actor: { name: string };
  target: { type: string; id: string | null; label: string };
  detail: Record<string, unknown>;
}

/** A sentence in parts: the part naming the target is marked, so a page can make it a link. */
export type AuditWords = (string | { target: string })[];

type Phrase = (entry: AuditWordsInput, target: { target: string }) => AuditWords;

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const quoted = (value: string) => `“${value}”`;
const versionOf = (detail: Record<string, unknown>) => (typeof detail.version === "number" ? ` v${detail.version}` : "");
const stepOf = (detail: Record<string, unknown>) => (text(detail.stepId) ? `step ${quoted(detail.stepId as string)}` : "a step");
/** ` of “Checkout” v3` after a run, from what the entry recorded about its workflow. */
const ofWorkflow = ({ detail, target }: AuditWordsInput) => {
  const name = text(detail.workflow) ?? text(target.label);
  return name ? ` of ${quoted(name)}${versionOf(detail)}` : "";
};
const roleOf = (detail: Record<string, unknown>, prefix: string) => (text(detail.role) ? `${prefix}${detail.role as string}` : "");
const schedule = (detail: Record<string, unknown>) => (text(detail.cron) ? ` ${quoted(`${detail.cron as string}${text(detail.timezone) ? ` (${detail.timezone as string})` : ""}`)}` : "");

// A Record over every action: adding an action without words fails to compile.
const phrases: Record<AuditAction, Phrase> = {
  "team.created": (_, t) => ["created the team ", t],
  "team.renamed": ({ detail }, t) => [`renamed the team${typeof detail.from === "string" ? ` from “${detail.from}”` : ""} to `, t],
  "member.invited": ({ detail }) => [`created an invite link${roleOf(detail, " for the role ")}`],
  "member.joined": ({ detail }) => [`joined the team${roleOf(detail, " as ")}`],
  "member.role_changed": ({ detail }, t) => ["changed the role of ", t, text(detail.from) && text(detail.to) ? ` from ${detail.from as string} to ${detail.to as string}` : ""],
  "member.removed": ({ detail }, t) => (detail.left === true ? ["left the team"] : ["removed ", t, " from the team"]),
  "invite.revoked": ({ target }, t) => (text(target.label) ? ["revoked an invite link (", t, ")"] : ["revoked an invite link"]),
  "workflow.created": ({ detail }, t) => {
    const from = text((detail.duplicatedFrom as { name?: unknown } | undefined)?.name);
    if (from) return [`duplicated ${quoted(from)} as `, t];
    return ["created workflow ", t, text(detail.templateId) ? " from a template" : ""];
  },
  "workflow.imported": (_, t) => ["imported a definition into ", t],
  "workflow.renamed": ({ detail }, t) =>
    text(detail.from) && detail.from !== detail.to ? [`renamed ${quoted(detail.from as string)} to `, t] : ["changed the description of ", t],
  "workflow.deleted": (_, t) => ["deleted workflow ", t],
  "workflow.published": ({ detail }, t) => ["published ", t, versionOf(detail)],
  "workflow.version_restored": ({ detail }, t) => [`restored${versionOf(detail) || " a version"} of `, t, " as the draft"],
  "run.started": (entry, t) => ["started ", t, ofWorkflow(entry), text(entry.detail.rerunOf) ? ` (a rerun of run ${shortRunId(entry.detail.rerunOf as string)})` : ""],
  "run.step_retried": (entry, t) => {
    const steps = Array.isArray(entry.detail.stepIds) ? entry.detail.stepIds.filter((id): id is string => typeof id === "string") : [];
    const what = steps.length ? `${steps.length === 1 ? "step" : "steps"} ${steps.map(quoted).join(", ")}` : stepOf(entry.detail);
    return [`retried ${what} of `, t, ofWorkflow(entry)];
  },
  "run.step_resolved": (entry, t) => [`resolved ${stepOf(entry.detail)} of `, t, ofWorkflow(entry)],
  "run.step_approved": (entry, t) => [`approved ${stepOf(entry.detail)} of `, t, ofWorkflow(entry)],
  "run.step_rejected": (entry, t) => [`rejected ${stepOf(entry.detail)} of `, t, ofWorkflow(entry)],
  "run.cancelled": (entry, t) => ["cancelled ", t, ofWorkflow(entry)],
  "run.redriven": (entry, t) => ["redrove ", t, versionOf(entry.detail) ? ` onto${versionOf(entry.detail)}` : ""],
  "template.published": ({ detail }, t) => ["published template ", t, versionOf(detail), detail.visibility === "public" ? " for every team" : ""],
  "template.used": ({ detail }, t) => ["created a workflow from template ", t, versionOf(detail)],
  "template.deleted": (_, t) => ["deleted template ", t],
  "secret.saved": ({ detail }, t) => [detail.replaced === true ? "replaced the value of secret " : "saved secret ", t],
  "secret.deleted": (_, t) => ["deleted secret ", t],
  "api_key.created": (_, t) => ["created API key ", t],
  "api_key.revoked": (_, t) => ["revoked API key ", t],
  "webhook.rotated": ({ detail }, t) => [detail.replaced === false ? "created a webhook for " : "rotated the webhook URL of ", t],
  "webhook.deleted": (_, t) => ["deleted the webhook of ", t],
  "schedule.created": ({ detail }, t) => [`added a schedule${schedule(detail)} to `, t],
  "schedule.updated": ({ detail }, t) => {
    const changed = Array.isArray(detail.changed) ? detail.changed : [];
    const state = changed.includes("enabled") ? (detail.enabled ? ", now on" : ", now paused") : "";
    return ["changed a schedule of ", t, schedule(detail) ? ` to${schedule(detail)}` : "", state];
  },
  "schedule.deleted": ({ detail }, t) => [`deleted the schedule${schedule(detail)} of `, t],
  "breaker.reset": ({ detail }, t) => ["reset the circuit breaker of ", t, text(detail.from) ? ` (it was ${(detail.from as string).replace("_", "-")})` : ""],
  "subscription.created": ({ detail }, t) => {
    const events = Array.isArray(detail.events) ? detail.events.filter((event): event is string => typeof event === "string") : [];
    return ["subscribed ", t, events.length ? ` to ${events.join(", ")}` : " to run events"];
  },
  "subscription.deleted": (_, t) => ["deleted the event subscription of ", t],
  "subscription.redelivered": ({ detail }, t) => [
    `redelivered ${text(detail.event) ?? "an event"}${text(detail.runId) ? ` of run ${shortRunId(detail.runId as string)}` : ""} to `,
    t,
  ],
};

/** How the target reads: a run by its short id, a workflow or key by its quoted name, a secret by its NAME. */
function targetText({ target }: AuditWordsInput): string {
  if (target.type === "run") return target.id ? `run ${shortRunId(target.id)}` : "a run";
  if (!target.label) return target.type === "member" ? "someone" : `a ${target.type.replace("_", " ")}`;
  return ["secret", "member", "invite"].includes(target.type) ? target.label : quoted(target.label);
}

/** "Ada published “Checkout” v3", "webhook started run 3f2a9c1d of “Checkout” v3", in parts. */
export function auditWords(entry: AuditWordsInput): AuditWords {
  const target = { target: targetText(entry) };
  const phrase = (phrases as Record<string, Phrase | undefined>)[entry.action];
  const words = phrase ? phrase(entry, target) : [`did ${entry.action} on `, target];
  return [`${entry.actor.name} `, ...words].filter((part) => part !== "");
}

/** The same sentence as plain text. */
export function auditSentence(entry: AuditWordsInput): string {
  return auditWords(entry)
    .map((part) => (typeof part === "string" ? part : part.target))
    .join("");
}

/** Why the actor did it, when they said: a reason or a comment, and whether it was one of a bulk action. */
export function auditNote({ detail }: AuditWordsInput): string | null {
  const why = text(detail.reason) ?? text(detail.comment);
  const bulk = detail.bulk === true ? "Part of a bulk action" : null;
  if (why && bulk) return `${bulk}: ${quoted(why)}`;
  return why ? quoted(why) : bulk;
}

/** "webhook", "schedule", "API key …": no person (a person whose account is gone has no id either, but keeps their name). */
export function isMachineActor(actor: { id: string | null; name: string }): boolean {
  return actor.id === null && (actor.name === "webhook" || actor.name === "schedule" || actor.name.startsWith("API key "));
}
