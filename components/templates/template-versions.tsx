import { RelativeTime } from "@/components/ui/relative-time";
import type { TemplateDetailData } from "./template-types";

/** Every published version, newest first: who published it and from which workflow version. */
export function TemplateVersions({ versions }: { versions: TemplateDetailData["versions"] }) {
  return (
    <section aria-labelledby="template-versions-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="template-versions-heading" className="text-sm font-semibold text-slate-900">
        Versions
      </h2>
      <ol className="mt-3 space-y-3 text-sm">
        {versions.map((version, index) => (
          <li key={version.number}>
            <p className="font-medium text-slate-800">
              Version {version.number}
              {index === 0 && <span className="ml-2 rounded-full bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">latest</span>}
            </p>
            <p className="text-xs text-slate-500">
              {version.publishedBy ? `${version.publishedBy.name}, ` : ""}
              <RelativeTime date={version.createdAt} />
              {version.sourceVersion !== null && ` · from workflow version ${version.sourceVersion}`}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
