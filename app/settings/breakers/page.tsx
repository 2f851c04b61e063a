import type { Metadata } from "next";
import { BreakersPage } from "@/components/settings/breakers-page";

export const metadata: Metadata = { title: "Circuit breakers · Orka" };

/** The team's circuit breakers: one per target its steps call, with their state; editors reset one. */
export default function BreakersSettingsPage() {
  return <BreakersPage />;
}
