"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactElement } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useNow } from "@/components/ui/use-now";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { ScheduleForm } from "./schedule-form";
import { SectionAlert, TriggerSection } from "./trigger-section";

type ScheduleView = inferRouterOutputs<AppRouter>["triggers"]["listSchedules"][number];

// Next run and last run change as schedules fire; the engine host fires them, not this page.
const refreshMs = 15_000;

/** The workflow's cron schedules: list, add, enable/disable, delete. */
export function SchedulesSection({ workflowId, canEdit }: { workflowId: string; canEdit: boolean }): ReactElement {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const schedules = useQuery({ ...trpc.triggers.listSchedules.queryOptions({ workflowId }), refetchInterval: refreshMs, refetchIntervalInBackground: false });
  const [deleting, setDeleting] = useState<ScheduleView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.triggers.listSchedules.queryKey({ workflowId }) });
  // onSettled returns the refetch: the mutation stays pending until the list shows its result.
  const update = useMutation(trpc.triggers.updateSchedule.mutationOptions({ onSettled: () => refresh() }));
  const remove = useMutation(trpc.triggers.deleteSchedule.mutationOptions({ onSettled: () => refresh() }));
  const failure = update.error ?? remove.error;

  return (
    <TriggerSection title="Schedules" description="Cron expressions that start a run at every slot, read in their time zone.">
      {schedules.isPending ? (
        <p className="text-slate-500">Loading schedules…</p>
      ) : schedules.isError ? (
        <SectionAlert message={`The schedules could not be loaded: ${schedules.error.message}`} onRetry={() => void schedules.refetch()} />
      ) : schedules.data.length === 0 ? (
        <p className="text-slate-500">No schedules yet.</p>
      ) : (
        <ul aria-label="Schedules" className="flex flex-col gap-1.5">
          {schedules.data.map((schedule) => (
            <ScheduleItem
              key={schedule.id}
              schedule={schedule}
              canEdit={canEdit}
              busy={(update.isPending && update.variables.scheduleId === schedule.id) || (remove.isPending && remove.variables.scheduleId === schedule.id)}
              // Shown as asked while the change and the list's refetch are under way.
              enabled={update.isPending && update.variables.scheduleId === schedule.id ? (update.variables.enabled ?? schedule.enabled) : schedule.enabled}
              onToggle={(enabled) => update.mutate({ scheduleId: schedule.id, enabled })}
              onDelete={() => setDeleting(schedule)}
            />
          ))}
        </ul>
      )}
      {failure && <SectionAlert message={`The schedule could not be changed: ${failure.message}`} />}
      {canEdit && <ScheduleForm workflowId={workflowId} onCreated={refresh} />}

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this schedule?"
        description={deleting ? `${deleting.cron} (${deleting.timezone}) starts no more runs.` : undefined}
        confirmLabel="Delete schedule"
        onConfirm={() => {
          if (deleting) remove.mutate({ scheduleId: deleting.id });
        }}
      >
        <p className="text-slate-600">Runs it already started are kept.</p>
      </ConfirmDialog>
    </TriggerSection>
  );
}

interface ScheduleItemProps {
  schedule: ScheduleView;
  canEdit: boolean;
  busy: boolean;
  enabled: boolean;
  onToggle(enabled: boolean): void;
  onDelete(): void;
}

function ScheduleItem({ schedule, canEdit, busy, enabled, onToggle, onDelete }: ScheduleItemProps) {
  const name = `${schedule.cron} (${schedule.timezone})`;
  return (
    <li aria-label={`Schedule ${name}`} className={`rounded-lg border px-2.5 py-2 ${schedule.enabled ? "border-slate-200 bg-white" : "border-slate-200 bg-slate-50"}`}>
      <div className="flex items-baseline justify-between gap-2">
        <code className="font-mono text-sm font-medium text-slate-900">{schedule.cron}</code>
        <span className="truncate text-xs text-slate-500">{schedule.timezone}</span>
      </div>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
        <dt className="text-slate-500">Next run</dt>
        <dd className="text-slate-800">
          {schedule.nextRunAt ? (
            <>
              <NextRunTime date={schedule.nextRunAt} /> <span className="text-slate-500">({absolute(schedule.nextRunAt, schedule.timezone)})</span>
            </>
          ) : (
            "none while disabled"
          )}
        </dd>
        <dt className="text-slate-500">Last run</dt>
        <dd className="text-slate-800">
          {schedule.lastRunAt ? <RelativeTime date={schedule.lastRunAt} /> : "never"}
          {schedule.lastRunId && (
            <>
              {" · "}
              <Link href={`/runs/${schedule.lastRunId}`} aria-label={`Open last run of ${name}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                Open last run
              </Link>
            </>
          )}
        </dd>
      </dl>
      {schedule.lastError && (
        <p className="mt-1 rounded bg-rose-50 px-1.5 py-1 text-xs text-rose-800">
          <span className="font-medium">Last firing started no run:</span> {schedule.lastError}
        </p>
      )}
      <div className="mt-1.5 flex items-center justify-between gap-2">
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input
            type="checkbox"
            role="switch"
            aria-label={`Schedule ${name} enabled`}
            checked={enabled}
            disabled={!canEdit || busy}
            onChange={(event) => onToggle(event.target.checked)}
            className="size-3.5 accent-indigo-600"
          />
          <span aria-hidden="true">Enabled</span>
        </label>
        {canEdit && (
          <Button size="sm" variant="ghost" aria-label={`Delete schedule ${name}`} disabled={busy} onClick={onDelete}>
            Delete
          </Button>
        )}
      </div>
    </li>
  );
}

/** Like RelativeTime, but a slot less than a minute away reads "in under a minute", not "just now". */
function NextRunTime({ date }: { date: Date }) {
  const ms = date.getTime() - useNow(true, 15_000);
  if (ms <= 0 || ms >= 60_000) return <RelativeTime date={date} />;
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString("en")}>
      in under a minute
    </time>
  );
}

/** The slot as read in the schedule's own zone, which is what its expression means. */
function absolute(date: Date, timeZone: string): string {
  try {
    return `${date.toLocaleString("en", { timeZone, dateStyle: "medium", timeStyle: "short" })} ${timeZone}`;
  } catch {
    return date.toLocaleString("en");
  }
}
