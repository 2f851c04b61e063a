import type { Metadata } from "next";
import { TeamSettingsPage } from "@/components/teams/team-settings-page";

export const metadata: Metadata = { title: "Team · Orka" };

/** The current team's name, members, roles and invite links. */
export default function TeamSettingsRoute() {
  return <TeamSettingsPage />;
}
