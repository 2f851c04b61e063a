"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionsColumn, Cell, DataTable, RowHeader } from "@/components/ui/data-table";
import { LoadError } from "@/components/ui/load-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { FormAlert } from "@/components/ui/text-field";
import { formErrorsOf } from "@/components/workflows/form-errors";
import type { AppRouter } from "@/server/api/root";
import { asRole, roleLabel, roleOptions, selectStyle } from "./roles";
import { useTeamChanged } from "./use-team-changed";

type Member = inferRouterOutputs<AppRouter>["teams"]["members"][number];

const noFields = [] as const;
const memberColumns = ["Name", "Email", "Role", "Joined"];

/** The members table: owners change roles and remove people; anyone may leave. */
export function MembersSection({ myUserId, isOwner }: { myUserId: string; isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teamChanged = useTeamChanged();
  const members = useQuery(trpc.teams.members.queryOptions());
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.teams.members.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.teams.me.queryKey() })]);
  const changeRole = useMutation(trpc.teams.changeRole.mutationOptions({ onSettled: () => refresh() }));
  const remove = useMutation(trpc.teams.removeMember.mutationOptions({ onSettled: () => refresh() }));
  const leave = useMutation(trpc.teams.leave.mutationOptions({ onSuccess: () => teamChanged({ goHome: true }) }));
  const [removing, setRemoving] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState(false);
  const failure = changeRole.error ?? remove.error ?? leave.error;

  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-4">
        <h2 id="members-heading" className="text-lg font-semibold text-slate-900">
          Members
        </h2>
        <Button variant="ghost" onClick={() => setLeaving(true)} disabled={leave.isPending}>
          Leave team
        </Button>
      </div>
      <FormAlert message={formErrorsOf(failure, noFields).message} />
      {members.isPending ? (
        <p className="text-sm text-slate-500">Loading members…</p>
      ) : members.isError ? (
        <LoadError what="members" message={members.error.message} onRetry={() => void members.refetch()} size="panel" />
      ) : (
        <DataTable label="Members" columns={isOwner ? [...memberColumns, actionsColumn] : memberColumns}>
          {members.data.map((member) => (
            <tr key={member.userId}>
              <RowHeader>
                {member.name}
                {member.userId === myUserId && <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span>}
              </RowHeader>
              <Cell>{member.email}</Cell>
              <Cell>
                {isOwner ? (
                  <select
                    aria-label={`Role of ${member.email}`}
                    value={changeRole.isPending && changeRole.variables.userId === member.userId ? changeRole.variables.role : member.role}
                    disabled={changeRole.isPending}
                    onChange={(event) => {
                      const role = asRole(event.target.value);
                      if (role && role !== member.role) changeRole.mutate({ userId: member.userId, role });
                    }}
                    className={selectStyle}
                  >
                    {roleOptions.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  roleLabel(member.role)
                )}
              </Cell>
              <Cell className="text-xs">
                <RelativeTime date={member.joinedAt} />
              </Cell>
              {isOwner && (
                <Cell className="text-right">
                  {member.userId !== myUserId && (
                    <Button size="sm" variant="ghost" aria-label={`Remove ${member.email}`} disabled={remove.isPending} onClick={() => setRemoving(member)}>
                      Remove
                    </Button>
                  )}
                </Cell>
              )}
            </tr>
          ))}
        </DataTable>
      )}

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? ""}?`}
        description={`${removing?.email ?? ""} loses access to this team’s workflows and runs at once.`}
        confirmLabel="Remove member"
        onConfirm={() => {
          if (removing) remove.mutate({ userId: removing.userId });
        }}
      >
        <p className="text-slate-600">What they made stays. To let them back in, send them a new invite link.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={leaving}
        onClose={() => setLeaving(false)}
        title="Leave this team?"
        description="You lose access to its workflows and runs at once."
        confirmLabel="Leave team"
        onConfirm={() => leave.mutate()}
      >
        <p className="text-slate-600">To come back, you need a new invite link from an owner. A team’s last owner cannot leave: make someone else owner first.</p>
      </ConfirmDialog>
    </section>
  );
}
