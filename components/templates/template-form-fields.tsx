"use client";
import { useId } from "react";
import type { TemplateTagName } from "./template-types";

export interface TemplateForm {
  title: string;
  description: string;
  tags: TemplateTagName[];
  visibility: "team" | "public";
}

interface TagChoiceProps {
  tags: readonly TemplateTagName[];
  value: readonly TemplateTagName[];
  max: number;
  onChange(tags: TemplateTagName[]): void;
  error?: string;
}

/** The vocabulary as checkboxes; once `max` are chosen the others are disabled. */
export function TemplateTagChoice({ tags, value, max, onChange, error }: TagChoiceProps) {
  const errorId = useId();
  const full = value.length >= max;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">
        Tags <span className="font-normal text-slate-500">(up to {max})</span>
      </legend>
      <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-3">
        {tags.map((tag) => {
          const checked = value.includes(tag);
          return (
            <label key={tag} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={checked}
                disabled={!checked && full}
                onChange={() => onChange(checked ? value.filter((chosen) => chosen !== tag) : [...value, tag])}
                className="size-4 rounded border-slate-300 text-indigo-600"
              />
              {tag}
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface VisibilityChoiceProps {
  value: TemplateForm["visibility"];
  canPublishPublic: boolean;
  onChange(value: TemplateForm["visibility"]): void;
  error?: string;
}

const options = [
  ["team", "Team", "Only your team sees it."],
  ["public", "Public", "Every team of this Orka installation sees it."],
] as const;

/** Team or public; public is an owner's choice (the server refuses it to others too). */
export function VisibilityChoice({ value, canPublishPublic, onChange, error }: VisibilityChoiceProps) {
  const name = useId();
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">Visibility</legend>
      <div className="mt-2 space-y-1.5">
        {options.map(([option, label, hint]) => (
          <label key={option} className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="radio"
              name={name}
              value={option}
              checked={value === option}
              disabled={option === "public" && !canPublishPublic && value !== "public"}
              onChange={() => onChange(option)}
              className="mt-0.5 size-4 border-slate-300 text-indigo-600"
            />
            <span>
              <span className="font-medium">{label}</span> <span className="text-slate-500">— {hint}</span>
            </span>
          </label>
        ))}
      </div>
      {!canPublishPublic && <p className="mt-1 text-xs text-slate-500">Only team owners can publish public templates.</p>}
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
