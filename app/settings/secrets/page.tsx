import type { Metadata } from "next";
import { SecretsPage } from "@/components/settings/secrets-page";

export const metadata: Metadata = { title: "Secrets · Orka" };

/** The team's secrets for `$secrets.NAME` in http steps. */
export default function SecretsSettingsPage() {
  return <SecretsPage />;
}
