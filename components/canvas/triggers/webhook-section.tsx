"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactElement } from "react";
import { CodeExample, OneTimeSecret } from "@/components/settings/one-time-secret";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { SectionAlert, TriggerSection } from "./trigger-section";
import { webhookCurlExamples } from "./trigger-examples";

type Confirming = "rotate" | "delete" | null;

/** The workflow's webhook: whether it exists, create/rotate (the URL shown once), delete. */
export function WebhookSection({ workflowId, canEdit }: { workflowId: string; canEdit: boolean }): ReactElement {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const webhook = useQuery(trpc.triggers.getWebhook.queryOptions({ workflowId }));
  // The URL carries the token: kept in this component's state only, gone when the panel closes.
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.getWebhook.queryKey({ workflowId }) });
  const rotate = useMutation(
    trpc.triggers.rotateWebhook.mutationOptions({
      // No cached copy of the answer (it holds the token) outlives this panel.
      gcTime: 0,
      onSuccess: (issued) => {
        setUrl(`${window.location.origin}${issued.urlPath}`);
        void refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.triggers.deleteWebhook.mutationOptions({
      onSuccess: () => {
        setUrl(null);
        void refresh();
      },
    }),
  );
  const busy = rotate.isPending || remove.isPending;
  const failure = rotate.error ?? remove.error;
  const exists = webhook.data?.exists ?? false;

  return (
    <TriggerSection
      title="Webhook"
      description="An HTTP POST to the webhook URL starts a run; its JSON body is the run's input. The URL is the credential: anyone who has it can start runs."
    >
      {webhook.isPending ? (
        <p className="text-slate-500">Loading the webhook…</p>
      ) : webhook.isError ? (
        <SectionAlert message={`The webhook could not be loaded: ${webhook.error.message}`} onRetry={() => void webhook.refetch()} />
      ) : webhook.data.exists ? (
        <p className="text-slate-700">
          A webhook URL exists, created {webhook.data.createdAt ? <RelativeTime date={webhook.data.createdAt} /> : "earlier"}
          {" · "}
          {webhook.data.lastUsedAt ? (
            <>
              last used <RelativeTime date={webhook.data.lastUsedAt} />
            </>
          ) : (
            "never used"
          )}
          . Orka keeps only a hash of it: a lost URL is replaced by rotating.
        </p>
      ) : (
        <p className="text-slate-700">This workflow has no webhook yet.</p>
      )}

      {url && <WebhookUrl url={url} onDismiss={() => setUrl(null)} />}
      {failure && <SectionAlert message={`The webhook could not be changed: ${failure.message}`} />}

      {canEdit && webhook.isSuccess && (
        <div className="flex flex-wrap gap-1.5">
          {exists ? (
            <>
              <Button size="sm" disabled={busy} onClick={() => setConfirming("rotate")}>
                Rotate webhook URL
              </Button>
              <Button size="sm" variant="ghost" disabled={busy} onClick={() => setConfirming("delete")}>
                Delete webhook
              </Button>
            </>
          ) : (
            <Button size="sm" variant="primary" disabled={busy} onClick={() => rotate.mutate({ workflowId })}>
              {rotate.isPending ? "Creating…" : "Create webhook URL"}
            </Button>
          )}
        </div>
      )}

      <ConfirmDialog
        open={confirming === "rotate"}
        onClose={() => setConfirming(null)}
        title="Rotate the webhook URL?"
        description="A new URL replaces the current one."
        confirmLabel="Rotate webhook URL"
        onConfirm={() => rotate.mutate({ workflowId })}
      >
        <p className="text-slate-600">The old URL stops working at once: every caller that uses it gets 404 until it is given the new URL.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "delete"}
        onClose={() => setConfirming(null)}
        title="Delete the webhook?"
        description="Its URL answers 404 from now on."
        confirmLabel="Delete webhook"
        onConfirm={() => remove.mutate({ workflowId })}
      >
        <p className="text-slate-600">Runs it started are kept. Creating a webhook again gives a new URL.</p>
      </ConfirmDialog>
    </TriggerSection>
  );
}

function WebhookUrl({ url, onDismiss }: { url: string; onDismiss(): void }) {
  const examples = webhookCurlExamples(url);
  return (
    <OneTimeSecret label="Webhook URL" value={url} copyLabel="Copy webhook URL" note="Lost it? Rotate to get a new one." onDismiss={onDismiss}>
      <CodeExample label="Start a run (answers 202 with its runId)" code={examples.start} />
      <CodeExample label="Start and wait up to 10 s for its output" code={examples.wait} />
    </OneTimeSecret>
  );
}
