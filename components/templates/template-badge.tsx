/** Where a template comes from and who sees it: shipped with Orka, the team's own, or public to every team. */
export function TemplateBadge({ template }: { template: { builtIn: boolean; visibility: "team" | "public" } }) {
  const [label, style] = template.builtIn
    ? ["Built-in", "bg-indigo-50 text-indigo-700 ring-indigo-200"]
    : template.visibility === "public"
      ? ["Public", "bg-emerald-50 text-emerald-700 ring-emerald-200"]
      : ["Team", "bg-slate-100 text-slate-700 ring-slate-200"];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>{label}</span>;
}

/** The tags of a template as small chips, in a list named "Tags". */
export function TemplateTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label="Tags" className="flex flex-wrap gap-1.5">
      {tags.map((tag) => (
        <li key={tag} className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">
          {tag}
        </li>
      ))}
    </ul>
  );
}
