import type { Metadata } from "next";
import { InvitePage } from "@/components/teams/invite-page";

export const metadata: Metadata = { title: "Invitation · Orka" };

/** An invite link: who invites you where, then join (signed in) or sign up / sign in first. */
export default async function InviteLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitePage token={token} />;
}
