import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { TemplateBadge, TemplateTags } from "./template-badge";
import type { TemplateCardData } from "./template-types";

/** One template in the gallery; its title opens the preview. */
export function TemplateCard({ template }: { template: TemplateCardData }) {
  const headingId = `template-${template.id}`;
  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md"
    >
      <div className="flex items-center justify-between gap-3">
        <TemplateBadge template={template} />
        <span className="text-xs text-slate-500">v{template.latestVersion}</span>
      </div>
      <h2 id={headingId} className="mt-3 text-base font-semibold text-slate-900">
        <Link
          href={`/templates/${template.id}`}
          className="rounded-sm hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {template.title}
        </Link>
      </h2>
      <p className="mt-1 line-clamp-3 flex-1 text-sm leading-6 text-slate-600">
        {template.description || <span className="text-slate-400 italic">No description</span>}
      </p>
      <div className="mt-3">
        <TemplateTags tags={template.tags} />
      </div>
      <dl className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-100 pt-3 text-xs text-slate-500">
        <div>
          <dt className="sr-only">Steps</dt>
          <dd>{template.stepCount === 1 ? "1 step" : `${template.stepCount} steps`}</dd>
        </div>
        {template.teamName && (
          <div>
            <dt className="sr-only">Published by</dt>
            <dd>by {template.mine ? "your team" : template.teamName}</dd>
          </div>
        )}
        <div>
          <dt className="sr-only">Updated</dt>
          <dd>
            Updated <RelativeTime date={template.updatedAt} />
          </dd>
        </div>
      </dl>
    </article>
  );
}
