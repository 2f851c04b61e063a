"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/text-field";
import { LoadError } from "@/components/ui/load-error";
import { TemplateBadge, TemplateTags } from "./template-badge";
import { TemplateCanvas } from "./template-canvas";
import type { TemplateDetailData } from "./template-types";
import { TemplateVersions } from "./template-versions";
import { UseTemplateButton } from "./use-template-dialog";

/** `/templates/[templateId]`: the latest version drawn read-only, what it needs, its versions, and "Use template". */
export function TemplatePage({ templateId }: { templateId: string }) {
  const trpc = useTRPC();
  const template = useQuery({ ...trpc.templates.get.queryOptions({ templateId }), retry: false });

  if (template.isPending) return <p className="text-sm text-slate-500">Loading the template…</p>;
  if (template.isError) {
    if (template.error.data?.code !== "NOT_FOUND") return <LoadError what="template" message={template.error.message} onRetry={() => void template.refetch()} />;
    return (
      <div role="alert" className="mx-auto mt-16 max-w-md rounded-xl border border-rose-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold text-slate-900">Template not found</h1>
        <p className="mt-2 text-sm text-slate-600">It may have been deleted, or it is shared only within another team.</p>
        <BackLink />
      </div>
    );
  }
  return <TemplateDetailView template={template.data} />;
}

function TemplateDetailView({ template }: { template: TemplateDetailData }) {
  return (
    <article aria-labelledby="template-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 space-y-2">
          <BackLink />
          <div className="flex flex-wrap items-center gap-3">
            <h1 id="template-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
              {template.title}
            </h1>
            <TemplateBadge template={template} />
            <span className="text-sm text-slate-500">Version {template.latestVersion}</span>
          </div>
          <p className="text-sm text-slate-500">
            {template.builtIn ? "Ships with Orka" : `Published by ${template.mine ? "your team" : template.teamName}`} · {template.stepCount === 1 ? "1 step" : `${template.stepCount} steps`}
          </p>
          {template.description && <p className="max-w-3xl text-sm leading-6 whitespace-pre-line text-slate-700">{template.description}</p>}
          <TemplateTags tags={template.tags} />
        </div>
        <div className="flex shrink-0 gap-2">
          {template.canDelete && <DeleteTemplateButton template={template} />}
          {template.canUse && <UseTemplateButton template={template} />}
        </div>
      </div>
      <TemplateNotes template={template} />
      <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
        <section aria-label="Preview" className="min-w-0">
          <TemplateCanvas key={template.latestVersion} definition={template.definition} name={template.suggestedName} />
        </section>
        <TemplateVersions versions={template.versions} />
      </div>
    </article>
  );
}

/** What a workflow made from it will need or come with: secrets to create, triggers to switch on. */
function TemplateNotes({ template }: { template: TemplateDetailData }) {
  const { schedules, webhook } = template.triggers;
  if (template.secretNames.length === 0 && schedules === 0 && !webhook) return null;
  return (
    <div role="note" className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {template.secretNames.length > 0 && (
        <p>
          <span className="font-medium">Needs secrets: {template.secretNames.join(", ")}</span>. Templates never carry secret values: add these to your team before running it.
        </p>
      )}
      {schedules > 0 && <p>Comes with {schedules === 1 ? "a schedule" : `${schedules} schedules`}, disabled until you enable {schedules === 1 ? "it" : "them"}.</p>}
      {webhook && <p>Comes with a webhook with a new URL of its own: rotate it in the designer’s Triggers tab to see the URL.</p>}
    </div>
  );
}

function DeleteTemplateButton({ template }: { template: TemplateDetailData }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.templates.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
        router.push("/templates");
      },
    }),
  );
  return (
    <>
      <Button variant="danger" onClick={() => setConfirming(true)} disabled={remove.isPending}>
        Delete template
      </Button>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Delete “${template.title}”?`}
        description="It disappears from every gallery, with all its versions."
        confirmLabel="Delete template"
        onConfirm={() => remove.mutate({ templateId: template.id })}
      >
        <p className="text-slate-600">Workflows already made from it keep their copies.</p>
      </ConfirmDialog>
      {remove.error && <FormAlert message={`The template could not be deleted: ${remove.error.message}`} />}
    </>
  );
}

function BackLink() {
  return (
    <Link href="/templates" className="inline-block text-sm font-medium text-indigo-700 hover:underline">
      ← All templates
    </Link>
  );
}
