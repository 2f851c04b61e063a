import "server-only";
import { validateDefinition, type ValidationResult, type WorkflowIdentity } from "@/engine/definition";
import { compositionLimitsFromEnv } from "@/server/engine-host/composition-env";

/**
 * Validates a draft as the workflow it belongs to: a step calling that very workflow is an issue,
 * and inline sub-workflows may nest as deep as the engine allows (`ORKA_MAX_NESTING_DEPTH`).
 */
export function validateDraftOf(workflow: WorkflowIdentity, draft: unknown): ValidationResult {
  const { id, namespace, name } = workflow;
  return validateDefinition(draft, { workflow: { id, namespace, name }, maxNestingDepth: compositionLimitsFromEnv().maxNestingDepth });
}

/**
 * The validation of each workflow's stored draft, as last saved or read (by workflow id): opening a
 * large workflow in the designer validated every step again although the save that stored it just
 * had (80–260 ms for 2,000 steps on an idle core, several times that on a busy server). An entry
 * holds for the exact stored text and the workflow's identity and nesting limit, so a changed
 * draft, a rename or another limit misses. Bounded by entries and by stored text, the least
 * recently used dropped first.
 */
const remembered = new Map<string, { text: string; identity: string; result: ValidationResult }>();
const rememberedEntries = 64;
/** Drafts' text in all (a 2,000-step draft is ~250 KB; its validated definition holds several times that as objects). */
const rememberedChars = 4 * 1024 * 1024;
let rememberedTotal = 0;

function identityOf({ namespace, name }: WorkflowIdentity): string {
  return `${namespace}\u0000${name}\u0000${compositionLimitsFromEnv().maxNestingDepth}`;
}

/**
 * Remembers `result`, the validation of the draft stored as `text` for `workflow` (a save validates
 * what it stores): the next read of that draft need not validate it again.
 */
export function rememberDraftValidation(workflow: WorkflowIdentity, text: string, result: ValidationResult): void {
  forget(workflow.id);
  if (text.length > rememberedChars / 2) return;
  remembered.set(workflow.id, { text, identity: identityOf(workflow), result });
  rememberedTotal += text.length;
  for (const [id] of remembered) {
    if (remembered.size <= rememberedEntries && rememberedTotal <= rememberedChars) break;
    forget(id);
  }
}

/** The validation of the draft stored as `text` (`draft` is that text parsed): remembered when the same text was validated for the same workflow. */
export function validateStoredDraft(workflow: WorkflowIdentity, text: string, draft: unknown): ValidationResult {
  const entry = remembered.get(workflow.id);
  if (entry && entry.text === text && entry.identity === identityOf(workflow)) {
    // Most recently used last.
    remembered.delete(workflow.id);
    remembered.set(workflow.id, entry);
    return entry.result;
  }
  const result = validateDraftOf(workflow, draft);
  rememberDraftValidation(workflow, text, result);
  return result;
}

function forget(id: string) {
  const entry = remembered.get(id);
  if (!entry) return;
  remembered.delete(id);
  rememberedTotal -= entry.text.length;
}
