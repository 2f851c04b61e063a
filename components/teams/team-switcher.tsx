"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { CreateTeamDialog } from "./create-team-dialog";
import { selectStyle } from "./roles";
import { useTeamChanged } from "./use-team-changed";

const createOption = "create-team";

/**
 * The header's team control: a select named "Team" showing the current team, listing the
 * person's teams and ending with "Create team…". Renders nothing for someone not signed in.
 */
export function TeamSwitcher() {
  const trpc = useTRPC();
  const id = useId();
  const teamChanged = useTeamChanged();
  const [creating, setCreating] = useState(false);
  const me = useQuery(trpc.teams.me.queryOptions(undefined, { retry: false }));
  const switchTeam = useMutation(trpc.teams.switch.mutationOptions({ onSuccess: () => teamChanged() }));

  if (!me.data) return null;
  const current = me.data.team?.id ?? "";

  function choose(value: string) {
    if (value === createOption) setCreating(true);
    else if (value !== current) switchTeam.mutate({ teamId: value });
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Team
      </label>
      <select
        id={id}
        value={switchTeam.isPending ? switchTeam.variables.teamId : current}
        disabled={switchTeam.isPending}
        onChange={(event) => choose(event.target.value)}
        aria-describedby={switchTeam.error ? `${id}-error` : undefined}
        className={`${selectStyle} max-w-48 truncate`}
      >
        {!me.data.team && (
          <option value="" disabled>
            No team
          </option>
        )}
        {me.data.teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
        <option value={createOption}>Create team…</option>
      </select>
      {switchTeam.error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-rose-700">
          Not switched: {switchTeam.error.message}
        </p>
      )}
      <CreateTeamDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
