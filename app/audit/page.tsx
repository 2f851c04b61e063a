import type { Metadata } from "next";
import { AuditLogPage } from "@/components/audit/audit-log-page";
import { parseAuditFilters } from "@/components/audit/audit-filters";

export const metadata: Metadata = { title: "Audit log · Orka" };

/** `/audit?category=runs&actor=<user id>`: the team's audit log, with the filters a link opens with. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <AuditLogPage initialFilters={parseAuditFilters(await searchParams)} />;
}
