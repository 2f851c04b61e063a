import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { NoTeamPanel } from "@/components/accounts/no-team-panel";
import { safeNextPath } from "@/components/accounts/next-path";
import { SignInForm } from "@/components/accounts/sign-in-form";
import { getAppAuth } from "@/server/accounts/app-auth";
import { isFirstSignUp } from "@/server/accounts/first-owner";
import { getCaller } from "@/server/auth";
import { getAppDatabase } from "@/server/db/prisma";

export const metadata: Metadata = { title: "Sign in · Orka" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const { db } = getAppDatabase();
  if (await isFirstSignUp(db)) redirect("/sign-up");
  const caller = await getCaller(getAppAuth(), db, await headers());
  if (caller.session) redirect(safeNextPath(next));
  if (caller.person) return <NoTeamPanel name={caller.person.user.name} />;
  return <SignInForm next={next ?? null} />;
}
