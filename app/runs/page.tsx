import type { Metadata } from "next";
import { RunListPage } from "@/components/runs/run-list/run-list-page";
import { parseRunFilters } from "@/components/runs/run-list/run-filters";

export const metadata: Metadata = { title: "Runs · Orka" };

/** `/runs?workflowId=…&status=failed,running&started=24h`: the filters a link (the designer's "Runs of this workflow") opens with. */
export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <RunListPage initialFilters={parseRunFilters(await searchParams)} />;
}
