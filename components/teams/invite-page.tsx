"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { authClient } from "@/components/accounts/auth-client";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { FormAlert } from "@/components/ui/text-field";
import { roleOptions, withArticle, type Role } from "./roles";
import { useTeamChanged } from "./use-team-changed";

/** Why a link no longer works, as the server's refusals say it. */
const refusals = {
  expired: "This invite link has expired — ask a team owner for a new one.",
  used: "This invite link has already been used — ask a team owner for a new one.",
  revoked: "This invite link was revoked — ask a team owner for a new one.",
  unknown: "This invite link is not valid. Check that you copied all of it, or ask a team owner for a new one.",
} as const;

const linkStyle = "font-medium text-indigo-700 underline-offset-2 hover:underline";

/** `/invite/<token>`: says which team and role the link offers, then lets the visitor join. */
export function InvitePage({ token }: { token: string }) {
  const trpc = useTRPC();
  // Too long or empty tokens are refused by the input schema: the same "not valid" answer.
  const invite = useQuery(trpc.teams.invites.describe.queryOptions({ token }, { retry: false }));
  if (invite.isPending) return <Card title="Invitation">Checking the invite link…</Card>;
  if (invite.isError && invite.error.data?.code !== "BAD_REQUEST")
    return <LoadError what="invitation" message={invite.error.message} onRetry={() => void invite.refetch()} />;
  const description = invite.data ?? { state: "unknown" as const };
  if (description.state !== "valid" || !description.teamName || !description.role) {
    return (
      <Card title="This invite link cannot be used">
        <p role="alert">{refusals[description.state === "valid" ? "unknown" : description.state]}</p>
        <p className="mt-4">
          <Link href="/" className={linkStyle}>
            Go to Orka
          </Link>
        </p>
      </Card>
    );
  }
  return <ValidInvite token={token} teamName={description.teamName} role={description.role} invitedBy={description.invitedBy ?? null} expiresAt={description.expiresAt ?? null} />;
}

function ValidInvite({ token, teamName, role, invitedBy, expiresAt }: { token: string; teamName: string; role: Role; invitedBy: string | null; expiresAt: Date | null }) {
  const trpc = useTRPC();
  const teamChanged = useTeamChanged();
  // The session endpoint answers a signed-out visitor with null; asking `teams.me` would be refused (401).
  const session = useQuery({ queryKey: ["auth-session"], queryFn: async () => (await authClient.getSession()).data, retry: false });
  const me = useQuery(trpc.teams.me.queryOptions(undefined, { retry: false, enabled: !!session.data }));
  const accept = useMutation(trpc.teams.invites.accept.mutationOptions({ onSuccess: () => teamChanged({ goHome: true }) }));
  const can = roleOptions.find((option) => option.value === role)?.can;
  const signedOut = session.data === null || (me.isError && me.error.data?.code === "UNAUTHORIZED");

  return (
    <Card title={`Join ${teamName}`}>
      <p>
        {invitedBy ?? "A team owner"} invites you to join <strong className="font-semibold text-slate-900">{teamName}</strong> as{" "}
        <strong className="font-semibold text-slate-900">{role}</strong>: {withArticle(role)} {can}.
      </p>
      {expiresAt && (
        <p className="mt-1 text-xs text-slate-500">
          The link works once and expires <RelativeTime date={expiresAt} />.
        </p>
      )}
      <div className="mt-6">
        {session.isPending || (session.data && me.isPending) ? null : me.data ? (
          <div className="flex flex-col gap-3">
            <p className="text-xs text-slate-500">Signed in as {me.data.user.email}.</p>
            <FormAlert message={accept.error?.message ?? null} />
            <div>
              <Button variant="primary" disabled={accept.isPending || accept.isSuccess} onClick={() => accept.mutate({ token })}>
                {accept.isPending || accept.isSuccess ? "Joining…" : `Join ${teamName} as ${role}`}
              </Button>
            </div>
          </div>
        ) : signedOut ? (
          <div className="flex flex-wrap items-center gap-4">
            <Link href={`/sign-up?invite=${encodeURIComponent(token)}`} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-indigo-500">
              Create an account
            </Link>
            <Link href={`/sign-in?next=/invite/${encodeURIComponent(token)}`} className={linkStyle}>
              Sign in
            </Link>
          </div>
        ) : (
          <LoadError what="account" message={me.error?.message ?? ""} onRetry={() => void me.refetch()} size="panel" />
        )}
      </div>
    </Card>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="invite-heading" className="mx-auto mt-6 w-full max-w-lg rounded-2xl border border-slate-200 bg-white p-8 text-sm text-slate-700 shadow-sm">
      <h1 id="invite-heading" className="mb-3 text-2xl font-semibold tracking-tight text-slate-900">
        {title}
      </h1>
      {children}
    </section>
  );
}
