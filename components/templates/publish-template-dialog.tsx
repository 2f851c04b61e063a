"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LoadError } from "@/components/ui/load-error";
import { FormAlert, TextField } from "@/components/ui/text-field";
import type { TemplatePublishForm } from "@/server/api/routers/templates/for-workflow.handler";
import { publishFormErrors } from "./template-form-errors";
import { TemplateTagChoice, VisibilityChoice, type TemplateForm } from "./template-form-fields";
import type { TemplateTagName } from "./template-types";

/** The designer's "Publish as template" (editors only): the latest published version becomes a template, or its next version. */
/** "Publish as template" for a workflow; the designer opens it from its header (or its More menu). */
export function PublishTemplateDialog({ workflowId, workflowName, open, onClose }: { workflowId: string; workflowName: string; open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Publish as template" size="md">
      {/* The dialog mounts its content only while open: each opening reads the current template state afresh. */}
      <PublishTemplateForm workflowId={workflowId} workflowName={workflowName} onClose={onClose} />
    </Dialog>
  );
}

function PublishTemplateForm({ workflowId, workflowName, onClose }: { workflowId: string; workflowName: string; onClose(): void }) {
  const trpc = useTRPC();
  // Not kept once the dialog closes: the form starts from it once, so it must never be a stale copy.
  const start = useQuery({ ...trpc.templates.forWorkflow.queryOptions({ workflowId }), gcTime: 0 });
  const tags = useQuery(trpc.templates.tags.queryOptions());
  if (start.isError) return <LoadError what="template settings" message={start.error.message} onRetry={() => void start.refetch()} size="panel" />;
  if (tags.isError) return <LoadError what="tags" message={tags.error.message} onRetry={() => void tags.refetch()} size="panel" />;
  if (!start.data || !tags.data) return <p className="text-slate-500">Loading…</p>;
  return <LoadedForm workflowId={workflowId} workflowName={workflowName} start={start.data} tags={tags.data.map((entry) => entry.tag)} onClose={onClose} />;
}

interface LoadedFormProps {
  workflowId: string;
  workflowName: string;
  start: TemplatePublishForm;
  tags: TemplateTagName[];
  onClose(): void;
}

function LoadedForm({ workflowId, workflowName, start, tags, onClose }: LoadedFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formId = useId();
  const [form, setForm] = useState<TemplateForm>(() => ({
    title: start.existing?.title ?? workflowName,
    description: start.existing?.description ?? "",
    tags: start.existing?.tags ?? [],
    visibility: start.existing?.visibility ?? "team",
  }));
  const publish = useMutation(trpc.templates.publish.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() }) }));
  const errors = publishFormErrors(publish.error, form.visibility);
  const { limits, existing, workflowVersion } = start;

  if (publish.data)
    return (
      <div role="status" className="space-y-4">
        <p>
          Published version {publish.data.version} of “{form.title.trim()}”{publish.data.version === 1 ? "" : ": workflows made from earlier versions are told a newer one exists"}.
        </p>
        <div className="flex justify-end gap-2">
          <Link href={`/templates/${publish.data.templateId}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50">
            View template
          </Link>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!publish.isPending) publish.mutate({ workflowId, ...form });
  }

  return (
    <form id={formId} onSubmit={submit} noValidate className="space-y-4">
      <p className="text-slate-600">
        {workflowVersion === null
          ? "Publish the workflow first: a template is a snapshot of a published version."
          : existing
            ? `Adds version ${existing.latestVersion + 1} to “${existing.title}”, from workflow version ${workflowVersion}.`
            : `A snapshot of workflow version ${workflowVersion}. Schedules are copied disabled, webhooks get new URLs, secret values are never copied.`}
      </p>
      <FormAlert message={errors.message} />
      <TextField label="Title" required value={form.title} onChange={(title) => setForm({ ...form, title })} error={errors.fields.title} />
      <TextField
        label="Description"
        multiline
        rows={4}
        value={form.description}
        onChange={(description) => setForm({ ...form, description })}
        error={errors.fields.description}
        hint={`${form.description.length.toLocaleString("en")} / ${limits.descriptionMax.toLocaleString("en")} characters`}
      />
      <TemplateTagChoice tags={tags} value={form.tags} max={limits.tagsMax} onChange={(chosen) => setForm({ ...form, tags: chosen })} error={errors.fields.tags} />
      <VisibilityChoice value={form.visibility} canPublishPublic={start.canPublishPublic} onChange={(visibility) => setForm({ ...form, visibility })} error={errors.fields.visibility} />
      <div className="flex justify-end gap-2 border-t border-slate-100 pt-3">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={publish.isPending || workflowVersion === null}>
          {publish.isPending ? "Publishing…" : existing ? `Publish version ${existing.latestVersion + 1}` : "Publish template"}
        </Button>
      </div>
    </form>
  );
}
