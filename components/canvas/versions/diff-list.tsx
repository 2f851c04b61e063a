"use client";
import { useId, useState, type ReactElement, type ReactNode } from "react";
import type { EdgeDefinition } from "@/engine/definition";
import { Button } from "@/components/ui/button";
import { sideLabel } from "./compare-choice";
import { isEmptyDiff, type DefinitionDiff } from "./diff-definitions";

export interface DiffListProps {
  diff: DefinitionDiff;
  from: number | "draft";
  to: number | "draft";
  onSelectStep(id: string): void;
  onClose(): void;
}

/** The changes between two definitions as lists; each step is a button that selects it on the canvas. */
export function DiffList({ diff, from, to, onSelectStep, onClose }: DiffListProps): ReactElement {
  const [showMoves, setShowMoves] = useState(false);
  const movesId = useId();
  const title = `Changes from ${sideLabel(from)} to ${sideLabel(to)}`;
  const { steps, edges, workflow } = diff;
  const stepButton = (id: string, detail?: string) => (
    <li key={id} className="flex flex-wrap items-baseline gap-x-2">
      <button type="button" onClick={() => onSelectStep(id)} className="font-mono text-xs text-indigo-700 underline-offset-2 hover:underline">
        {id}
      </button>
      {detail && <span className="text-xs text-slate-500">{detail}</span>}
    </li>
  );

  return (
    <section aria-label={title} className="flex flex-col gap-3 p-3 text-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        <Button size="sm" variant="ghost" aria-label="Close changes" onClick={onClose}>
          Close
        </Button>
      </div>
      {isEmptyDiff(diff) ? (
        <p className="text-slate-500">No differences</p>
      ) : (
        <>
          {steps.moved.length > 0 && (
            <div className="flex items-center gap-2 text-xs text-slate-600">
              <input id={movesId} type="checkbox" checked={showMoves} onChange={(event) => setShowMoves(event.target.checked)} />
              <label htmlFor={movesId}>Show moves</label>
              {!showMoves && <span className="text-slate-400">({plural(steps.moved.length, "moved step")} hidden)</span>}
            </div>
          )}
          {isEmptyDiff(diff, { includeMoves: false }) && !showMoves && <p className="text-slate-500">Only step positions changed.</p>}
          <Group label="Steps added" tone="text-emerald-700">
            {steps.added.map((id) => stepButton(id))}
          </Group>
          <Group label="Steps removed" tone="text-rose-700">
            {steps.removed.map((id) => stepButton(id))}
          </Group>
          <Group label="Steps changed" tone="text-amber-700">
            {steps.changed.map((change) => stepButton(change.id, change.fields.join(", ")))}
          </Group>
          {showMoves && (
            <Group label="Steps moved" tone="text-slate-600">
              {steps.moved.map((id) => stepButton(id))}
            </Group>
          )}
          <Group label="Connections added" tone="text-emerald-700">
            {edges.added.map((edge) => edgeItem(edge))}
          </Group>
          <Group label="Connections removed" tone="text-rose-700">
            {edges.removed.map((edge) => edgeItem(edge))}
          </Group>
          <Group label="Workflow settings changed" tone="text-amber-700">
            {workflow.map((field) => (
              <li key={field} className="font-mono text-xs text-slate-700">
                {field}
              </li>
            ))}
          </Group>
        </>
      )}
    </section>
  );
}

/** A titled list, omitted when empty; the list is named by its title for assistive tech and e2e. */
function Group({ label, tone, children }: { label: string; tone: string; children: ReactNode[] }) {
  const id = useId();
  if (children.length === 0) return null;
  return (
    <div>
      <h3 id={id} className={`text-xs font-semibold uppercase tracking-wide ${tone}`}>
        {label} ({children.length})
      </h3>
      <ul aria-labelledby={id} className="mt-1 flex flex-col gap-1">
        {children}
      </ul>
    </div>
  );
}

function edgeItem(edge: EdgeDefinition) {
  const text = `${edge.from} → ${edge.to}${edge.branch ? ` (${edge.branch})` : ""}`;
  return (
    <li key={text} className="font-mono text-xs text-slate-700">
      {text}
    </li>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
