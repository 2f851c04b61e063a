import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/accounts/sign-up-form";
import { getAppAuth } from "@/server/accounts/app-auth";
import { passwordLength } from "@/server/accounts/create-auth";
import { isFirstSignUp } from "@/server/accounts/first-owner";
import { getCaller } from "@/server/auth";
import { defaultTeam } from "@/server/db/default-owner";
import { getAppDatabase } from "@/server/db/prisma";
import { describeInvite, inviteRefusalMessages } from "@/server/teams";

export const metadata: Metadata = { title: "Create an account · Orka" };
export const dynamic = "force-dynamic";

/** Open to the install's first person (who owns the first team) and to holders of an invite link. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  const { db } = getAppDatabase();
  if (await isFirstSignUp(db)) {
    return (
      <SignUpForm
        inviteToken={null}
        title="Create the owner account"
        intro={`You are the first person on this Orka: you will own “${defaultTeam.name}” and its example workflows, and can invite others.`}
        minPasswordLength={passwordLength.min}
      />
    );
  }
  const caller = await getCaller(getAppAuth(), db, await headers());
  if (caller.person) redirect(invite ? `/invite/${encodeURIComponent(invite)}` : "/");
  if (!invite) return <Notice title="Sign-up is by invitation" text="Ask an owner of your team for an invite link, then open it to create your account." />;
  const described = await describeInvite(db, invite);
  if (described.state !== "valid") return <Notice title="This invite cannot be used" text={inviteRefusalMessages[described.state]} />;
  return (
    <SignUpForm
      inviteToken={invite}
      title={`Join ${described.teamName}`}
      intro={`${described.invitedBy ? `${described.invitedBy} invited you` : "You are invited"} to join “${described.teamName}” as ${described.role}. Create your account to accept.`}
      minPasswordLength={passwordLength.min}
    />
  );
}

function Notice({ title, text }: { title: string; text: string }) {
  return (
    <section className="mx-auto mt-6 w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-3 text-sm text-slate-600">{text}</p>
      <p className="mt-6 text-sm">
        <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
    </section>
  );
}
