"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";
import { LoadError } from "@/components/ui/load-error";
import { InvitesSection } from "./invites-section";
import { MembersSection } from "./members-section";
import { withArticle } from "./roles";
import { TeamNameSection } from "./team-name-section";

/** `/settings/team`: the current team's name, members and invite links. Owners change them; others read. */
export function TeamSettingsPage() {
  const trpc = useTRPC();
  const me = useQuery(trpc.teams.me.queryOptions());

  return (
    <section aria-labelledby="team-settings-heading" className="flex flex-col gap-8">
      <div>
        <h1 id="team-settings-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Team
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">
          Owners manage members and settings; editors design and run workflows and act on runs; viewers read.
          {me.data?.role && ` You are ${withArticle(me.data.role)} of this team.`}
        </p>
      </div>
      {me.isPending ? (
        <p className="text-sm text-slate-500">Loading the team…</p>
      ) : me.isError ? (
        <LoadError what="team" message={me.error.message} onRetry={() => void me.refetch()} />
      ) : !me.data.team || !me.data.role ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">
          You are in no team yet: create one from the team menu at the top, or open an invite link from a team owner.
        </p>
      ) : (
        <>
          <TeamNameSection key={me.data.team.id} team={me.data.team} canRename={me.data.role === "owner"} />
          <MembersSection key={`members-${me.data.team.id}`} myUserId={me.data.user.id} isOwner={me.data.role === "owner"} />
          {me.data.role === "owner" && <InvitesSection key={`invites-${me.data.team.id}`} />}
        </>
      )}
    </section>
  );
}
