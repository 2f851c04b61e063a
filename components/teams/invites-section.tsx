"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionsColumn, Cell, DataTable, RowHeader } from "@/components/ui/data-table";
import { LoadError } from "@/components/ui/load-error";
import { formatRelativeTime, RelativeTime } from "@/components/ui/relative-time";
import { FormAlert } from "@/components/ui/text-field";
import { formErrorsOf } from "@/components/workflows/form-errors";
import type { AppRouter } from "@/server/api/root";
import { InviteLinkForm } from "./invite-link-form";
import { roleLabel } from "./roles";

type Invite = inferRouterOutputs<AppRouter>["teams"]["invites"]["list"][number];

const noFields = [] as const;
const statusStyles: Record<Invite["status"], string> = {
  pending: "font-medium text-emerald-700",
  used: "text-slate-600",
  expired: "text-slate-400",
  revoked: "text-slate-400",
};

/** Owners only: make invite links and see what became of them; revoke one not used yet. */
export function InvitesSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invites = useQuery(trpc.teams.invites.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.teams.invites.list.queryKey() });
  const revoke = useMutation(trpc.teams.invites.revoke.mutationOptions({ onSettled: refresh }));
  const [revoking, setRevoking] = useState<Invite | null>(null);

  return (
    <section aria-labelledby="invites-heading" className="flex flex-col gap-3">
      <h2 id="invites-heading" className="text-lg font-semibold text-slate-900">
        Invite links
      </h2>
      <InviteLinkForm onCreated={refresh} />
      <FormAlert message={formErrorsOf(revoke.error, noFields).message} />
      {invites.isPending ? (
        <p className="text-sm text-slate-500">Loading invite links…</p>
      ) : invites.isError ? (
        <LoadError what="invite links" message={invites.error.message} onRetry={() => void invites.refetch()} size="panel" />
      ) : invites.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No invite links yet.</p>
      ) : (
        <InvitesTable invites={invites.data} revokingId={revoke.isPending ? revoke.variables.inviteId : null} onRevoke={setRevoking} />
      )}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this invite link?"
        description={revoking ? `Nobody can join as ${revoking.role} with it any more.` : undefined}
        confirmLabel="Revoke link"
        onConfirm={() => {
          if (revoking) revoke.mutate({ inviteId: revoking.id });
        }}
      >
        <p className="text-slate-600">It stays listed as a record. Create a new link to invite someone again.</p>
      </ConfirmDialog>
    </section>
  );
}

function InvitesTable({ invites, revokingId, onRevoke }: { invites: Invite[]; revokingId: string | null; onRevoke(invite: Invite): void }) {
  return (
    <DataTable label="Invite links" columns={["Role", "Created", "Status", actionsColumn]}>
      {invites.map((invite) => (
        <tr key={invite.id}>
          <RowHeader>{roleLabel(invite.role)}</RowHeader>
          <Cell className="text-xs">
            {invite.createdBy?.name ?? "Deleted user"} · <RelativeTime date={invite.createdAt} />
          </Cell>
          <Cell className={`text-xs ${statusStyles[invite.status]}`}>
            <InviteStatus invite={invite} />
          </Cell>
          <Cell className="text-right">
            {invite.status === "pending" && (
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Revoke the ${invite.role} invite link created ${formatRelativeTime(invite.createdAt)}`}
                disabled={revokingId === invite.id}
                onClick={() => onRevoke(invite)}
              >
                Revoke
              </Button>
            )}
          </Cell>
        </tr>
      ))}
    </DataTable>
  );
}

function InviteStatus({ invite }: { invite: Invite }) {
  switch (invite.status) {
    case "pending":
      return (
        <span>
          Pending, expires <RelativeTime date={invite.expiresAt} />
        </span>
      );
    case "used":
      return (
        <span>
          Used by {invite.usedBy?.email ?? "a deleted user"} {invite.usedAt && <RelativeTime date={invite.usedAt} />}
        </span>
      );
    case "expired":
      return (
        <span>
          Expired <RelativeTime date={invite.expiresAt} />
        </span>
      );
    case "revoked":
      return <span>Revoked {invite.revokedAt && <RelativeTime date={invite.revokedAt} />}</span>;
  }
}
