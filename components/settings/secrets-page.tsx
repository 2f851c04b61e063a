"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState, type ReactElement } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionsColumn, Cell, DataTable, RowHeader } from "@/components/ui/data-table";
import { LoadError } from "@/components/ui/load-error";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AppRouter } from "@/server/api/root";
import { SaveSecretForm } from "./save-secret-form";

type SecretList = inferRouterOutputs<AppRouter>["secrets"]["list"];
type SecretSummary = SecretList["secrets"][number];

const referenceOf = (name: string) => `{{ $secrets.${name} }}`;
const code = "rounded bg-slate-100 px-1 font-mono text-xs";

/** `/settings/secrets`: the team's secret names; owners add, replace and delete them. Values are never shown. */
export function SecretsPage(): ReactElement {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.secrets.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.secrets.list.queryKey() });
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation(trpc.secrets.delete.mutationOptions({ onSettled: () => refresh() }));

  return (
    <section aria-labelledby="secrets-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="secrets-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Secrets
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">
          Tokens and passwords your team’s <strong className="font-medium text-slate-700">http</strong> steps send, referenced in a step’s url, headers or body as{" "}
          <code className={code}>$secrets.NAME</code>, like <code className={code}>Authorization: Bearer {referenceOf("STRIPE_KEY")}</code>. Values are
          encrypted on the server and read only when a step runs; wherever a response or an error repeats one, it shows as{" "}
          <code className={code}>[secret NAME]</code>. No one sees a value again after it is saved.
        </p>
      </div>

      {list.data?.keyProblem && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          Secrets cannot be saved or used on this server yet: {list.data.keyProblem}.
        </p>
      )}

      {list.data &&
        (list.data.canEdit ? (
          <SaveSecretForm existingNames={list.data.secrets.map((secret) => secret.name)} onSaved={refresh} />
        ) : (
          <p className="text-sm text-slate-600">Only owners of the team can add, replace or delete secrets.</p>
        ))}

      {remove.error && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          The secret could not be deleted: {remove.error.message}
        </p>
      )}

      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading secrets…</p>
      ) : list.isError ? (
        <LoadError what="secrets" message={list.error.message} onRetry={() => void list.refetch()} size="panel" />
      ) : list.data.secrets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No secrets yet.</p>
      ) : (
        <SecretTable list={list.data} deletingName={remove.isPending ? remove.variables.name : null} onDelete={setDeleting} />
      )}

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting ?? ""}?`}
        description="Its value is erased from the server."
        confirmLabel="Delete secret"
        onConfirm={() => {
          if (deleting) remove.mutate({ name: deleting });
        }}
      >
        <p className="text-slate-600">
          Http steps that use <code className={code}>$secrets.{deleting}</code> fail (“not set”) from their next attempt, until a secret of that name is saved again.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function SecretTable({ list, deletingName, onDelete }: { list: SecretList; deletingName: string | null; onDelete(name: string): void }) {
  return (
    <DataTable label="Secrets" columns={["Name", "Use it as", "Updated", actionsColumn]}>
      {list.secrets.map((secret) => (
        <tr key={secret.name}>
          <RowHeader className="font-mono text-xs">
            {secret.name}
            {!list.keyProblem && <KeyNote secret={secret} />}
          </RowHeader>
          <Cell>
            <CopyReference name={secret.name} />
          </Cell>
          <Cell className="text-xs">
            {secret.updatedBy?.name ?? "Deleted user"} · <RelativeTime date={secret.updatedAt} />
          </Cell>
          <Cell className="text-right">
            {list.canEdit && (
              <Button size="sm" variant="ghost" aria-label={`Delete ${secret.name}`} disabled={deletingName === secret.name} onClick={() => onDelete(secret.name)}>
                Delete
              </Button>
            )}
          </Cell>
        </tr>
      ))}
    </DataTable>
  );
}

/** After a key rotation: a value that still needs the old key, or that no configured key opens. */
function KeyNote({ secret }: { secret: SecretSummary }) {
  if (secret.key === "current") return null;
  const text =
    secret.key === "previous"
      ? "Saved with ORKA_SECRETS_KEY_PREVIOUS: save it again to move it to the current key."
      : "No configured key can decrypt it: save it again.";
  return <p className="mt-0.5 font-sans text-xs font-normal text-amber-800">{text}</p>;
}

/** The reference to paste into a step's config, with a Copy button. */
function CopyReference({ name }: { name: string }) {
  const reference = referenceOf(name);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(reference);
      setStatus("Copied");
    } catch {
      setStatus("Select the text to copy it");
    }
  }

  return (
    <span className="flex items-center gap-2">
      <code className={code}>{reference}</code>
      <Button size="sm" variant="ghost" aria-label={`Copy reference to ${name}`} onClick={() => void copy()}>
        Copy
      </Button>
      <span role="status" className="text-xs text-slate-500">
        {status}
      </span>
    </span>
  );
}
