"use client";
import { ToggleButton } from "./toggle-button";
import type { TemplateTagCount, TemplateTagName } from "./template-types";

interface TagFilterProps {
  tags: readonly TemplateTagCount[];
  value: TemplateTagName | null;
  onChange(tag: TemplateTagName | null): void;
}

/** One tag at a time; pressing the chosen tag again clears the filter. Tags no visible template uses are left out. */
export function TagFilter({ tags, value, onChange }: TagFilterProps) {
  const shown = tags.filter((entry) => entry.count > 0 || entry.tag === value);
  if (shown.length === 0) return null;
  return (
    <div role="group" aria-label="Filter by tag" className="flex flex-wrap gap-2">
      {shown.map(({ tag, count }) => (
        <ToggleButton key={tag} pressed={value === tag} onToggle={() => onChange(value === tag ? null : tag)}>
          {tag}
          <span className={value === tag ? "text-indigo-100" : "text-slate-400"}>{count}</span>
        </ToggleButton>
      ))}
    </div>
  );
}
