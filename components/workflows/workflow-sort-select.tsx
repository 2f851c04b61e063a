"use client";
import type { inferRouterInputs } from "@trpc/server";
import { useId } from "react";
import type { AppRouter } from "@/server/api/root";

type ListInput = Exclude<inferRouterInputs<AppRouter>["workflows"]["list"], void | undefined>;
export type WorkflowSort = NonNullable<ListInput["sort"]>;

const options: { value: WorkflowSort; label: string }[] = [
  { value: "updated", label: "Last updated" },
  { value: "created", label: "Created" },
  { value: "name", label: "Name" },
];

export function WorkflowSortSelect({ value, onChange }: { value: WorkflowSort; onChange(value: WorkflowSort): void }) {
  const id = useId();
  return (
    <div className="flex shrink-0 items-center gap-2">
      <label htmlFor={id} className="text-sm whitespace-nowrap text-slate-500">
        Sort by
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(options.find((option) => option.value === event.target.value)?.value ?? "updated")}
        className="block rounded-lg border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
