"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import type { MutationError } from "@/components/workflows/form-errors";
import { checkCronSpec } from "@/engine/definition/cron";
import { parseScheduleInput, scheduleFormErrors } from "./schedule-errors";
import { browserTimeZone, timeZoneOptions } from "./time-zones";
import { SectionAlert } from "./trigger-section";

const controlStyle = "mt-1 block w-full rounded-md border bg-white px-2 py-1.5 text-sm text-slate-900 shadow-xs focus:ring-2 focus:outline-none";
const validStyle = "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/30";
const invalidStyle = "border-rose-400 focus:border-rose-500 focus:ring-rose-500/30";

/** "Add schedule": a cron expression read in a time zone, an optional input, enabled or not. */
export function ScheduleForm({ workflowId, onCreated }: { workflowId: string; onCreated(): Promise<unknown> }) {
  const trpc = useTRPC();
  const [defaultZone] = useState(browserTimeZone);
  const zones = useMemo(() => timeZoneOptions([defaultZone]), [defaultZone]);
  const [cron, setCron] = useState("");
  const [timezone, setTimezone] = useState(defaultZone);
  const [inputText, setInputText] = useState("");
  const [enabled, setEnabled] = useState(true);
  const [inputError, setInputError] = useState<string | null>(null);
  const create = useMutation(
    trpc.triggers.createSchedule.mutationOptions({
      onSuccess: async () => {
        setCron("");
        setInputText("");
        setEnabled(true);
        await onCreated();
      },
    }),
  );
  const [checked, setChecked] = useState<MutationError | null>(null);
  const errors = scheduleFormErrors(checked ?? create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const input = parseScheduleInput(inputText);
    if (!input.ok) {
      setInputError(input.message);
      create.reset();
      return;
    }
    setInputError(null);
    // The server's own check, run here first: a bad expression is explained without a refused request.
    const issues = cron.trim() === "" ? [{ path: "cron", message: "cron is empty" }] : checkCronSpec({ cron, timezone });
    setChecked(issues.length > 0 ? { message: "", data: { issues } } : null);
    if (issues.length > 0) {
      create.reset();
      return;
    }
    create.mutate({ workflowId, cron, timezone, enabled, ...(input.value !== undefined && { input: input.value }) });
  }

  return (
    <form aria-label="Add schedule" onSubmit={submit} noValidate className="flex flex-col gap-2.5 rounded-lg border border-slate-200 bg-slate-50 p-2.5">
      {errors.message && <SectionAlert message={errors.message} />}
      <Field label="Cron expression" error={errors.fields.cron} hint="Five fields: minute hour day-of-month month day-of-week, or @hourly, @daily…">
        {(props) => (
          <input
            {...props}
            type="text"
            value={cron}
            required
            placeholder="0 9 * * 1-5"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setCron(event.target.value)}
            className={`${props.className} font-mono`}
          />
        )}
      </Field>
      <Field label="Time zone" error={errors.fields.timezone}>
        {(props) => (
          <select {...props} value={timezone} onChange={(event) => setTimezone(event.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Input JSON (optional)" error={inputError ?? errors.fields.input} hint="The input of every run it starts; {} when empty.">
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={inputText}
            placeholder='{ "report": "daily" }'
            spellCheck={false}
            onChange={(event) => setInputText(event.target.value)}
            className={`${props.className} font-mono text-xs`}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} className="size-4 accent-indigo-600" />
        Enabled
      </label>
      <div>
        <Button type="submit" size="sm" variant="primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add schedule"}
        </Button>
      </div>
    </form>
  );
}

interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
}

/** A label, a control, its hint and its server error, wired for assistive technology. */
function Field({ label, error, hint, children }: { label: string; error?: string | null; hint?: string; children(props: ControlProps): ReactNode }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-800">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, className: `${controlStyle} ${error ? invalidStyle : validStyle}` })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-[11px] text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
