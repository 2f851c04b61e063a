import type { Metadata } from "next";
import { DesignerPage } from "@/components/canvas/designer/designer-page";

export const metadata: Metadata = { title: "Designer · Orka" };

export default async function WorkflowDesignerPage({ params }: { params: Promise<{ workflowId: string }> }) {
  const { workflowId } = await params;
  return <DesignerPage workflowId={workflowId} />;
}
