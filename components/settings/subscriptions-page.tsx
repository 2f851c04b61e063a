"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useId, useState, type FormEvent, type ReactElement } from "react";
import { publishedEvents, type PublishedEvent } from "@/engine/definition/published-events";
import type { AppRouter } from "@/server/api/root";
import { useTRPC } from "@/components/trpc/trpc-context";
import { formErrorsOf } from "@/components/workflows/form-errors";
import { Button } from "@/components/ui/button";
import { actionsColumn, Cell, DataTable, RowHeader } from "@/components/ui/data-table";
import { LoadError } from "@/components/ui/load-error";
import { RelativeTime } from "@/components/ui/relative-time";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { CodeExample, OneTimeSecret } from "./one-time-secret";

type SubscriptionList = inferRouterOutputs<AppRouter>["subscriptions"]["list"];
type Delivery = SubscriptionList["deliveries"][number];

const formFields = ["url", "events"] as const;
/** The log refreshes while the page is open: deliveries arrive and retry on their own. */
const refreshMs = 2_000;

/** `/settings/subscriptions`: subscribe URLs to run and step events; the delivery log with "Redeliver". */
export function SubscriptionsPage(): ReactElement {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({ ...trpc.subscriptions.list.queryOptions(), refetchInterval: refreshMs });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.subscriptions.list.queryKey() });
  const remove = useMutation(trpc.subscriptions.delete.mutationOptions({ onSettled: () => refresh() }));
  const redeliver = useMutation(trpc.subscriptions.redeliver.mutationOptions({ onSettled: () => refresh() }));
  const canEdit = list.data?.canEdit ?? false;
  const failure = remove.error ?? redeliver.error;

  return (
    <section aria-labelledby="subscriptions-heading" className="flex flex-col gap-6">
      <div>
        <h1 id="subscriptions-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Event subscriptions
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-500">
          Orka POSTs the events you choose to your URL as JSON, signed with an <code className="rounded bg-slate-100 px-1 font-mono text-xs">Orka-Signature</code> header; a
          failed delivery is retried with growing delays. Each event has a stable <code className="rounded bg-slate-100 px-1 font-mono text-xs">Orka-Event-Id</code>:
          a retried or redelivered event may arrive twice, so deduplicate on it.
        </p>
      </div>

      {list.isPending ? (
        <p className="text-sm text-slate-500">Loading subscriptions…</p>
      ) : list.isError ? (
        <LoadError what="event subscriptions" message={list.error.message} onRetry={() => void list.refetch()} size="panel" />
      ) : (
        <>
          {canEdit ? <CreateSubscription onCreated={refresh} /> : <p className="text-sm text-slate-500">Only owners can add subscriptions or redeliver events.</p>}
          {failure && (
            <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
              That did not work: {failure.message}
            </p>
          )}
          {list.data.subscriptions.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No subscriptions yet.</p>
          ) : (
            <DataTable label="Subscriptions" columns={["URL", "Events", "Created", actionsColumn]}>
              {list.data.subscriptions.map((subscription) => (
                <tr key={subscription.id}>
                  <RowHeader className="font-mono text-xs break-all">{subscription.url}</RowHeader>
                  <Cell className="text-xs">{subscription.events.join(", ")}</Cell>
                  <Cell className="text-xs">
                    <RelativeTime date={subscription.createdAt} />
                  </Cell>
                  <Cell className="text-right">
                    {canEdit && (
                      <Button size="sm" variant="ghost" aria-label={`Delete the subscription of ${subscription.url}`} disabled={remove.isPending} onClick={() => remove.mutate({ subscriptionId: subscription.id })}>
                        Delete
                      </Button>
                    )}
                  </Cell>
                </tr>
              ))}
            </DataTable>
          )}
          <DeliveryLog deliveries={list.data.deliveries} onRedeliver={canEdit ? (delivery) => redeliver.mutate({ deliveryId: delivery.id }) : null} redelivering={redeliver.isPending ? redeliver.variables.deliveryId : null} />
        </>
      )}
    </section>
  );
}

function DeliveryLog({ deliveries, onRedeliver, redelivering }: { deliveries: Delivery[]; onRedeliver: ((delivery: Delivery) => void) | null; redelivering: string | null }) {
  return (
    <div className="flex flex-col gap-2">
      <h2 className="text-lg font-semibold text-slate-900">Delivery log</h2>
      {deliveries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No deliveries yet: they appear when a subscribed event happens.</p>
      ) : (
        <DataTable label="Delivery log" columns={["Event", "Run", "Status", "Attempts", "Last answer", "Made", actionsColumn]}>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <RowHeader className="font-mono text-xs">{delivery.event}</RowHeader>
              <Cell className="text-xs">
                <Link href={`/runs/${delivery.runId}`} className="font-mono text-indigo-700 hover:underline">
                  {delivery.runId.slice(0, 8)}
                </Link>
              </Cell>
              <Cell className="text-xs">
                <DeliveryStatus delivery={delivery} />
              </Cell>
              <Cell className="text-xs">
                {delivery.attempts}
                {delivery.retried && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-800">retried</span>}
              </Cell>
              <Cell className="text-xs">{delivery.lastStatusCode ?? delivery.lastError ?? "—"}</Cell>
              <Cell className="text-xs">
                <RelativeTime date={delivery.createdAt} />
              </Cell>
              <Cell className="text-right">
                {onRedeliver && (
                  <Button size="sm" variant="ghost" aria-label={`Redeliver ${delivery.event} of run ${delivery.runId}`} disabled={redelivering === delivery.id} onClick={() => onRedeliver(delivery)}>
                    Redeliver
                  </Button>
                )}
              </Cell>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}

function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  if (delivery.status === "delivered") return <span className="font-medium text-emerald-700">Delivered</span>;
  if (delivery.status === "failed") return <span className="font-medium text-rose-700">Failed</span>;
  return <span className="text-slate-600">{delivery.attempts === 0 ? "Pending" : "Retrying"}</span>;
}

/** The URL and events form, then the signing secret shown once. */
function CreateSubscription({ onCreated }: { onCreated(): Promise<unknown> }) {
  const trpc = useTRPC();
  const formId = useId();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<PublishedEvent[]>(["run.completed", "run.failed"]);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useMutation(
    trpc.subscriptions.create.mutationOptions({
      gcTime: 0, // the answer holds the secret: no cached copy outlives this page
      onSuccess: (subscription) => {
        setCreated({ url: subscription.url, secret: subscription.secret });
        setUrl("");
        void onCreated();
      },
    }),
  );
  const errors = formErrorsOf(create.error, formFields);
  const toggle = (event: PublishedEvent, on: boolean) => setEvents((current) => (on ? [...current, event] : current.filter((other) => other !== event)));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ url, events });
  }

  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <form id={formId} aria-label="Add an event subscription" onSubmit={submit} noValidate className="flex flex-col gap-3">
        <TextField label="URL" required value={url} onChange={setUrl} error={errors.fields.url} hint="Where Orka POSTs the events, like https://example.com/orka-events." />
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {publishedEvents.map((event) => (
              <label key={event} className="flex items-center gap-1.5 font-mono text-xs text-slate-700">
                <input type="checkbox" checked={events.includes(event)} onChange={(change) => toggle(event, change.target.checked)} />
                {event}
              </label>
            ))}
          </div>
          {errors.fields.events && <p className="text-xs text-rose-700">{errors.fields.events}</p>}
        </fieldset>
        <div>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Adding…" : "Add subscription"}
          </Button>
        </div>
      </form>
      <FormAlert message={errors.message} />
      {created && (
        <OneTimeSecret
          label="Signing secret"
          value={created.secret}
          copyLabel="Copy signing secret"
          note={`Orka keeps it encrypted and will not show it again. It signs every delivery to ${created.url}.`}
          onDismiss={() => setCreated(null)}
        >
          <CodeExample
            label="Verify a delivery (Node.js)"
            code={`const [t, v1] = header.split(",").map((part) => part.split("=")[1]);\nconst expected = crypto.createHmac("sha256", secret).update(t + "." + rawBody).digest("hex");\nconst valid = crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected));`}
          />
        </OneTimeSecret>
      )}
    </div>
  );
}
