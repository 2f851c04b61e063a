import type { Metadata } from "next";
import { DesignerPage } from "@/components/canvas/designer/designer-page";

export const metadata: Metadata = { title: "Designer · Orka" };

export default async function WorkflowDesignerPage({ params, searchParams }: { params: Promise<{ workflowId: string }>; searchParams: Promise<{ redrive?: string | string[] }> }) {
  const { workflowId } = await params;
  const { redrive } = await searchParams;
  return <DesignerPage workflowId={workflowId} redriveRunId={typeof redrive === "string" ? redrive : null} />;
}
