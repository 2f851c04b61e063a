"use client";
import "@xyflow/react/dist/style.css";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import type { PaneSize } from "../pane-size";
import { Designer } from "./designer";

const openingMessage = <p className="p-10 text-center text-sm text-slate-500">Opening the designer…</p>;

/**
 * Loads the workflow's draft (the page prefetched it on the server) and opens the designer on it;
 * "reload" opens a fresh designer. Rendered on the server too: the first view of the canvas (the
 * steps in view, for the `pane` size this browser last reported) comes with the page's HTML.
 */
export function DesignerPage({ workflowId, redriveRunId = null, pane }: { workflowId: string; redriveRunId?: string | null; pane: PaneSize }) {
  const trpc = useTRPC();
  const workflow = useQuery({ ...trpc.workflows.get.queryOptions({ workflowId }), staleTime: Infinity, refetchOnWindowFocus: false, retry: false });
  const [generation, setGeneration] = useState(0);

  if (workflow.isPending) return openingMessage;
  if (workflow.isError)
    return (
      <div role="alert" className="mx-auto mt-16 max-w-md rounded-xl border border-rose-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">{workflow.error.data?.code === "NOT_FOUND" ? "Workflow not found" : "The workflow could not be opened"}</h1>
        <p className="mt-2 text-sm text-slate-600">{workflow.error.message}</p>
        <div className="mt-4 flex justify-center gap-2">
          <Link href="/" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            Back to workflows
          </Link>
          {workflow.error.data?.code !== "NOT_FOUND" && <Button onClick={() => void workflow.refetch()}>Try again</Button>}
        </div>
      </div>
    );
  return (
    <Designer
      key={`${workflowId}:${generation}`}
      workflow={workflow.data}
      redriveRunId={redriveRunId}
      pane={pane}
      onReload={() => void workflow.refetch().then(() => setGeneration((value) => value + 1))}
    />
  );
}
