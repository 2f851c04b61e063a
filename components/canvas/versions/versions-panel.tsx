"use client";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { CompareControl } from "./compare-control";
import { LoadError } from "@/components/ui/load-error";

export interface VersionsPanelProps {
  workflowId: string;
  /** The version currently opened read-only, or null while editing the draft. */
  viewing: number | null;
  onOpen(number: number): void;
  onCompare(from: number, to: number): void;
  /** The designer restores: it owns the base revision and the editor store. */
  onRestore(number: number): void;
  canEdit: boolean;
}

/** The workflow's published versions, newest first: open one read-only, compare two, restore one as the draft. */
export function VersionsPanel({ workflowId, viewing, onOpen, onCompare, onRestore, canEdit }: VersionsPanelProps): ReactElement {
  const trpc = useTRPC();
  const versions = useQuery(trpc.workflows.versions.queryOptions({ workflowId }));
  const [confirming, setConfirming] = useState<number | null>(null);

  if (versions.isPending) return <p className="p-4 text-sm text-slate-500">Loading versions…</p>;
  if (versions.isError)
    return (
      <div className="m-4">
        <LoadError what="versions" message={versions.error.message} onRetry={() => void versions.refetch()} size="panel" />
      </div>
    );
  if (versions.data.length === 0)
    return <p className="p-4 text-sm text-slate-500">No versions yet — publish to create version 1</p>;

  return (
    <div className="flex flex-col gap-3 p-3 text-sm">
      <CompareControl numbers={versions.data.map((version) => version.number)} onCompare={onCompare} />
      <ul aria-label="Versions" className="flex flex-col gap-1.5">
        {versions.data.map((version) => {
          const current = viewing === version.number;
          return (
            <li
              key={version.id}
              aria-current={current ? "true" : undefined}
              className={`rounded-lg border px-3 py-2 ${current ? "border-indigo-300 bg-indigo-50" : "border-slate-200 bg-white"}`}
            >
              <div className="flex items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900">Version {version.number}</span>
                {current && <span className="text-xs font-medium text-indigo-700">Viewing</span>}
              </div>
              <p className="mt-0.5 text-xs text-slate-500">
                {version.author?.name ?? "Deleted user"} · <RelativeTime date={version.createdAt} />
              </p>
              <div className="mt-2 flex gap-1.5">
                <Button size="sm" aria-label={`Open version ${version.number}`} disabled={current} onClick={() => onOpen(version.number)}>
                  Open
                </Button>
                {canEdit && (
                  <Button size="sm" aria-label={`Restore version ${version.number}`} onClick={() => setConfirming(version.number)}>
                    Restore
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Restore version ${confirming ?? ""}?`}
        description={`The current draft is replaced by the definition of version ${confirming ?? ""}.`}
        confirmLabel="Restore"
        onConfirm={() => {
          if (confirming !== null) onRestore(confirming);
        }}
      >
        <p className="text-slate-600">
          Unpublished changes in the draft are replaced with it. Version {confirming} itself never changes; publishing afterwards creates a new version.
        </p>
      </ConfirmDialog>
    </div>
  );
}
