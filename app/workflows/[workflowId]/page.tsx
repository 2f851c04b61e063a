import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DesignerPage } from "@/components/canvas/designer/designer-page";
import { paneCookie, parsePaneSize } from "@/components/canvas/pane-size";
import { getServerQueryClient, PrefetchedQueries, serverTRPC } from "@/server/api/trpc-prefetch";

export const metadata: Metadata = { title: "Designer · Orka" };

export default async function WorkflowDesignerPage({ params, searchParams }: { params: Promise<{ workflowId: string }>; searchParams: Promise<{ redrive?: string | string[] }> }) {
  const { workflowId } = await params;
  const { redrive } = await searchParams;
  // The workflow comes with the page: the designer draws it as soon as its code has loaded.
  await getServerQueryClient().prefetchQuery(serverTRPC.workflows.get.queryOptions({ workflowId }));
  // And is drawn with it: its first view, for the canvas size this browser last reported.
  const pane = parsePaneSize((await cookies()).get(paneCookie)?.value);
  return (
    <PrefetchedQueries>
      <DesignerPage workflowId={workflowId} redriveRunId={typeof redrive === "string" ? redrive : null} pane={pane} />
    </PrefetchedQueries>
  );
}
