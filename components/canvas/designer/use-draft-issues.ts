"use client";
import { useEffect, useMemo, useState } from "react";
import type { Definition } from "@/engine/definition/schema";
import type { ValidationIssue } from "@/engine/definition/issues";
import type { validateDefinition } from "@/engine/definition/validate";
import type { WorkflowIdentity } from "@/engine/definition/workflow-reference";
import { usePageIdle } from "@/components/ui/use-page-idle";

type Validate = typeof validateDefinition;
const noIssues: ValidationIssue[] = [];

/**
 * The draft's validation problems, as the server finds them (a step calling this very workflow is
 * one too), or `null` while the validator is still loading. The validator — JSONata, Ajv, acorn and
 * every check — is ~130 KB of JavaScript: it loads once the designer has painted, not with the page.
 */
export function useDraftIssues(definition: Definition, { id, namespace, name }: WorkflowIdentity): ValidationIssue[] | null {
  const idle = usePageIdle();
  const [validate, setValidate] = useState<Validate | null>(null);
  useEffect(() => {
    if (!idle) return;
    let live = true;
    void import("@/engine/definition/validate").then((module) => {
      if (live) setValidate(() => module.validateDefinition);
    });
    return () => {
      live = false;
    };
  }, [idle]);
  return useMemo(() => {
    if (!validate) return null;
    const { issues } = validate(definition, { workflow: { id, namespace, name } });
    // The same empty list every time: a valid draft's nodes are not derived again.
    return issues.length ? (issues as ValidationIssue[]) : noIssues;
  }, [validate, definition, id, namespace, name]);
}
