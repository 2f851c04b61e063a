import type { Metadata } from "next";
import { ApiKeysPage } from "@/components/settings/api-keys-page";

export const metadata: Metadata = { title: "API keys · Orka" };

/** The team's keys for the REST API (`/api/v1`). */
export default function ApiKeysSettingsPage() {
  return <ApiKeysPage />;
}
