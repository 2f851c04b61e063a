import Link from "next/link";
import type { TemplateOrigin } from "@/server/templates/template-origin";

/** In the designer of a workflow made from a template: says when the template has moved on. Its copy never changes by itself. */
export function TemplateUpdateNotice({ template }: { template: TemplateOrigin | null }) {
  if (!template || template.latestVersion <= template.version) return null;
  return (
    <div role="status" className="flex items-center gap-3 border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
      <Link href={`/templates/${template.id}`} className="font-medium underline-offset-2 hover:underline">
        Newer template version available (v{template.latestVersion} of “{template.title}”)
      </Link>
      <span className="text-sky-700">This workflow was made from v{template.version}; it keeps its own copy.</span>
    </div>
  );
}
