import type { Metadata } from "next";
import { RunPage } from "@/components/runs/run-view/run-page";

export const metadata: Metadata = { title: "Run · Orka" };

export default async function RunLivePage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return <RunPage runId={runId} />;
}
