"use client";
import { useState } from "react";
import type { Definition, ValidationIssue } from "@/engine/definition";

export interface ProblemTarget {
  /** The step the problem belongs to (an edge's problem belongs to its source), or null for the workflow. */
  stepId: string | null;
  path: string;
}

/** `steps[3].config.url` → step 3's id; `edges[1]` → edge 1's source step; anything else → the workflow. */
export function problemTarget(definition: Pick<Definition, "steps" | "edges">, issue: ValidationIssue): ProblemTarget {
  const step = /^steps\[(\d+)\]/.exec(issue.path);
  if (step) return { stepId: definition.steps[Number(step[1])]?.id ?? null, path: issue.path };
  const edge = /^edges\[(\d+)\]/.exec(issue.path);
  if (edge) return { stepId: definition.edges[Number(edge[1])]?.from ?? null, path: issue.path };
  return { stepId: null, path: issue.path };
}

/**
 * Where a problem is, as a person reads it: `steps[1].config.expression` → "Prepare order ›
 * expression" (the step's display name, else its id), `edges[0].branch` → "Edge a → b › branch",
 * `output` → "Workflow › output".
 */
export function problemPlace(definition: Pick<Definition, "steps" | "edges">, path: string): string {
  const step = /^steps\[(\d+)\]\.?(.*)$/.exec(path);
  const edge = /^edges\[(\d+)\]\.?(.*)$/.exec(path);
  let owner = "Workflow";
  let rest = path;
  if (step) {
    const found = definition.steps[Number(step[1])];
    owner = found ? found.name?.trim() || found.id : `Step ${Number(step[1]) + 1}`;
    rest = step[2]!;
  } else if (edge) {
    const found = definition.edges[Number(edge[1])];
    owner = found ? `Edge ${found.from} → ${found.to}` : `Edge ${Number(edge[1]) + 1}`;
    rest = edge[2]!;
  }
  const fields = rest
    .replace(/^config\.?/, "")
    .split(/\.|(?=\[)/)
    .filter((segment) => segment !== "")
    .map((segment) => segment.replace(/^\[(\d+)\]$/, (_, index: string) => `#${Number(index) + 1}`));
  return [owner, ...fields].join(" › ");
}

/** Every validation problem of the draft; choosing one selects its step and focuses the field. */
export function ProblemsPanel({
  definition,
  issues,
  checking = false,
  onChoose,
}: {
  definition: Pick<Definition, "steps" | "edges">;
  issues: readonly ValidationIssue[];
  /** The validator has not loaded yet: say so rather than "No problems". */
  checking?: boolean;
  onChoose(issue: ValidationIssue): void;
}) {
  const [open, setOpen] = useState(true);
  const count = issues.length;
  return (
    <section aria-label="Problems" className="pointer-events-auto max-h-56 w-[28rem] max-w-full overflow-hidden rounded-lg border border-slate-200 bg-white/95 shadow-md backdrop-blur">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center justify-between gap-2 px-3 py-2 text-left text-sm font-medium text-slate-800"
      >
        <span className="flex items-center gap-2">
          <span aria-hidden="true" className={`size-2 rounded-full ${checking ? "bg-slate-300" : count ? "bg-rose-500" : "bg-emerald-500"}`} />
          {checking ? "Checking…" : count === 0 ? "No problems" : count === 1 ? "1 problem" : `${count} problems`}
        </span>
        <span aria-hidden="true" className="text-xs text-slate-400">
          {open ? "Hide" : "Show"}
        </span>
      </button>
      {open && count > 0 && (
        <ul aria-label="Problem list" className="max-h-44 overflow-y-auto border-t border-slate-100 py-1">
          {issues.map((issue, index) => (
            <li key={`${issue.path}:${index}`}>
              <button
                type="button"
                onClick={() => onChoose(issue)}
                title={issue.path || undefined}
                className="w-full px-3 py-1.5 text-left text-xs leading-5 text-slate-700 hover:bg-rose-50 focus-visible:bg-rose-50 focus-visible:outline-none"
              >
                <span className="font-medium text-rose-700">{problemPlace(definition, issue.path)}</span> {issue.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
