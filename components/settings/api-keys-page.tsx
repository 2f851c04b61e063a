"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactElement } from "react";
import { formErrorsOf } from "@/components/workflows/form-errors";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/components/trpc/trpc-context";
import { useTeamRole } from "@/components/accounts/use-team-role";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionsColumn, Cell, DataTable, RowHeader } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { CodeExample, OneTimeSecret } from "./one-time-secret";
import { useOrigin } from "./use-origin";
import { LoadError } from "@/components/ui/load-error";

type ApiKeySummary = inferRouterOutputs<AppRouter>["triggers"]["listApiKeys"][number];

const nameFields = ["name"] as const;

/** `/settings/api-keys`: the team's keys for the REST API; create one (shown once), revoke one. */
export function ApiKeysPage(): ReactElement {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.triggers.listApiKeys.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.listApiKeys.queryKey() });
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const revoke = useMutation(trpc.triggers.revokeApiKey.mutationOptions({ onSettled: () => refresh() }));
  const { canEdit } = useTeamRole();

  return (
    <section aria-labelledby="api-keys-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="api-keys-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          API keys
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">
          A key lets a script or another service start and read runs of your team’s workflows through the REST API, with an editor’s rights. Send it as{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs">Authorization: Bearer orka_…</code>. See the{" "}
          <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            OpenAPI document
          </a>
          .
        </p>
      </div>

      {canEdit ? <CreateApiKey onCreated={refresh} /> : <p className="text-sm text-slate-500">Only editors and owners can create or revoke keys.</p>}

      {revoke.error && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          The key could not be revoked: {revoke.error.message}
        </p>
      )}

      {keys.isPending ? (
        <p className="text-sm text-slate-500">Loading API keys…</p>
      ) : keys.isError ? (
        <LoadError what="API keys" message={keys.error.message} onRetry={() => void keys.refetch()} size="panel" />
      ) : keys.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No API keys yet.</p>
      ) : (
        <ApiKeyTable keys={keys.data} revokingId={revoke.isPending ? revoke.variables.apiKeyId : null} onRevoke={canEdit ? setRevoking : null} />
      )}

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke ${revoking?.name ?? ""}?`}
        description="Requests with this key are refused (401) at once."
        confirmLabel="Revoke key"
        onConfirm={() => {
          if (revoking) revoke.mutate({ apiKeyId: revoking.id });
        }}
      >
        <p className="text-slate-600">A revoked key cannot be used again; it stays listed as a record. Create a new key to replace it.</p>
      </ConfirmDialog>
    </section>
  );
}

/** The name form, then the new key shown once (kept in this component's state only). */
function CreateApiKey({ onCreated }: { onCreated(): Promise<unknown> }) {
  const trpc = useTRPC();
  const origin = useOrigin();
  const formId = useId();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const create = useMutation(
    trpc.triggers.createApiKey.mutationOptions({
      // No cached copy of the answer (it holds the key) outlives this page.
      gcTime: 0,
      onSuccess: (issued) => {
        setCreated({ name: issued.name, key: issued.key });
        setName("");
        void onCreated();
      },
    }),
  );
  const errors = formErrorsOf(create.error, nameFields);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ name });
  }

  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <form id={formId} aria-label="Create an API key" onSubmit={submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <TextField label="Name" required value={name} onChange={setName} error={errors.fields.name} hint="What the key is for, like “CI deploys”." />
        </div>
        <Button type="submit" variant="primary" disabled={create.isPending} className="sm:mt-6">
          {create.isPending ? "Creating…" : "Create API key"}
        </Button>
      </form>
      <FormAlert message={errors.message} />
      {created && (
        <OneTimeSecret
          label="New API key"
          value={created.key}
          copyLabel="Copy new API key"
          note={`Orka keeps only a hash of “${created.name}”: if it is lost, revoke it and create another.`}
          onDismiss={() => setCreated(null)}
        >
          <CodeExample label="Use it" code={`curl '${origin}/api/v1/runs' -H "Authorization: Bearer $ORKA_API_KEY"`} />
        </OneTimeSecret>
      )}
    </div>
  );
}

/** `onRevoke` null: read-only (viewers). */
function ApiKeyTable({ keys, revokingId, onRevoke }: { keys: ApiKeySummary[]; revokingId: string | null; onRevoke: ((key: ApiKeySummary) => void) | null }) {
  return (
    <DataTable label="API keys" columns={["Name", "Key", "Created", "Last used", "Status", actionsColumn]}>
      {keys.map((key) => (
        <tr key={key.id} className={key.revokedAt ? "text-slate-400" : undefined}>
          <RowHeader>{key.name}</RowHeader>
          <Cell className="font-mono text-xs">{key.prefix}…</Cell>
          <Cell className="text-xs">
            {key.createdBy?.name ?? "Deleted user"} · <RelativeTime date={key.createdAt} />
          </Cell>
          <Cell className="text-xs">{key.lastUsedAt ? <RelativeTime date={key.lastUsedAt} /> : "never"}</Cell>
          <Cell className="text-xs">
            {key.revokedAt ? (
              <span>
                Revoked <RelativeTime date={key.revokedAt} />
              </span>
            ) : (
              <span className="font-medium text-emerald-700">Active</span>
            )}
          </Cell>
          <Cell className="text-right">
            {!key.revokedAt && onRevoke && (
              <Button size="sm" variant="ghost" aria-label={`Revoke ${key.name}`} disabled={revokingId === key.id} onClick={() => onRevoke(key)}>
                Revoke
              </Button>
            )}
          </Cell>
        </tr>
      ))}
    </DataTable>
  );
}
