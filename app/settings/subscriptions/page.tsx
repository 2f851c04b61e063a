import type { Metadata } from "next";
import { SubscriptionsPage } from "@/components/settings/subscriptions-page";

export const metadata: Metadata = { title: "Event subscriptions · Orka" };

/** URLs the team's run and step events are POSTed to, and the delivery log. */
export default function SubscriptionsSettingsPage() {
  return <SubscriptionsPage />;
}
