"use client";
import { useId, useState } from "react";
import { useStore } from "zustand";
import { Button } from "@/components/ui/button";
import { useDesigner } from "./designer/designer-context";
import { stepBranches } from "./step-branches";
import { edgeIds } from "./to-flow";

/**
 * The selected step's outgoing connections, and a form to add one: connecting without a mouse
 * (dragging between handles is the pointer way).
 */
export function ConnectionsPanel({ stepId }: { stepId: string }) {
  const { store, readOnly, announce } = useDesigner();
  const definition = useStore(store, (state) => state.definition);
  const step = definition.steps.find((candidate) => candidate.id === stepId);
  const branches = step ? stepBranches(step) : null;
  const [branch, setBranch] = useState<string>("");
  const [target, setTarget] = useState<string>("");
  const [refusal, setRefusal] = useState<string | null>(null);
  const errorId = useId();
  if (!step) return null;

  const ids = edgeIds(definition.edges);
  const outgoing = definition.edges.flatMap((edge, index) => (edge.from === stepId ? [{ edge, id: ids[index]! }] : []));
  const targets = definition.steps.filter((candidate) => candidate.id !== stepId);
  const chosenBranch = branches ? branch || branches[0]! : undefined;
  const chosenTarget = target || targets[0]?.id || "";

  const connect = () => {
    const reason = store.getState().connect({ source: stepId, target: chosenTarget, sourceHandle: chosenBranch ?? null });
    setRefusal(reason);
    announce(reason ? `Connection refused: ${reason}` : `Connected ${stepId} to ${chosenTarget}`);
  };

  return (
    <section aria-label="Connections" className="border-t border-slate-200 px-4 py-3">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Connections</h3>
      {outgoing.length === 0 ? (
        <p className="mt-2 text-xs text-slate-500">No outgoing connections.</p>
      ) : (
        <ul aria-label="Outgoing connections" className="mt-2 flex flex-col gap-1">
          {outgoing.map(({ edge, id }) => (
            <li key={id} className="flex items-center justify-between gap-2 text-sm">
              <span className="truncate font-mono text-xs text-slate-700">
                {edge.branch ? `${edge.branch} → ` : "→ "}
                {edge.to}
              </span>
              {!readOnly && (
                <Button size="sm" variant="ghost" aria-label={`Remove connection from ${edge.from} to ${edge.to}`} onClick={() => store.getState().disconnect([id])}>
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && targets.length > 0 && (
        <div className="mt-3 flex flex-col gap-2">
          {branches && (
            <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
              Branch
              <select value={chosenBranch} onChange={(event) => setBranch(event.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
                {branches.map((label) => (
                  <option key={label}>{label}</option>
                ))}
              </select>
            </label>
          )}
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Connect to
            <select
              value={chosenTarget}
              onChange={(event) => setTarget(event.target.value)}
              aria-describedby={refusal ? errorId : undefined}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              {targets.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name ? `${candidate.name} (${candidate.id})` : candidate.id}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={connect}>Connect</Button>
          {refusal && (
            <p id={errorId} role="alert" className="text-xs text-rose-700">
              {refusal}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
