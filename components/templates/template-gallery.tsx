"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { LoadError } from "@/components/ui/load-error";
import { SearchField } from "@/components/ui/search-field";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import type { TemplateScope } from "@/server/api/routers/templates/list.schema";
import { TagFilter } from "./tag-filter";
import { TemplateCard } from "./template-card";
import type { TemplateTagName } from "./template-types";
import { ToggleButton } from "./toggle-button";

const scopes: [TemplateScope, string][] = [
  ["all", "All"],
  ["team", "Our team’s"],
  ["builtin", "Built-in"],
];

/** `/templates`: what the team may start from, searchable by title and description, filtered by tag and origin. */
export function TemplateGallery() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [tag, setTag] = useState<TemplateTagName | null>(null);
  const [scope, setScope] = useState<TemplateScope>("all");
  const settledSearch = useDebouncedValue(search.trim(), 200);
  const tags = useQuery(trpc.templates.tags.queryOptions());
  const templates = useQuery({
    ...trpc.templates.list.queryOptions({ scope, ...(settledSearch && { search: settledSearch }), ...(tag && { tag }) }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(settledSearch || tag || scope !== "all");

  return (
    <section aria-labelledby="templates-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <div>
          <h1 id="templates-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
            Templates
          </h1>
          <p className="mt-1 text-sm text-slate-500">Start a workflow from a built-in example or a template your team or another team published.</p>
          <p aria-live="polite" className="sr-only">
            {templates.data ? `${templates.data.length} ${templates.data.length === 1 ? "template" : "templates"}.` : ""}
          </p>
        </div>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
          <div role="group" aria-label="Show" className="flex gap-2">
            {scopes.map(([value, label]) => (
              <ToggleButton key={value} pressed={scope === value} onToggle={() => setScope(value)}>
                {label}
              </ToggleButton>
            ))}
          </div>
          <SearchField label="Search templates" value={search} onChange={setSearch} />
        </div>
      </div>
      {tags.data && <TagFilter tags={tags.data} value={tag} onChange={setTag} />}
      {templates.isPending ? (
        <p aria-busy="true" className="text-sm text-slate-500">
          Loading templates…
        </p>
      ) : templates.isError ? (
        <LoadError what="templates" message={templates.error.message} onRetry={() => void templates.refetch()} />
      ) : templates.data.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
          <h2 className="text-base font-semibold text-slate-900">{filtered ? "No matching templates" : "No templates yet"}</h2>
          <p className="mt-1 text-sm text-slate-500">
            {filtered ? "Try another search, tag or origin." : "Publish a workflow as a template from the designer to share it with your team."}
          </p>
        </div>
      ) : (
        <ul aria-label="Templates" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {templates.data.map((template) => (
            <li key={template.id}>
              <TemplateCard template={template} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
