"use client";
import { useId, useState, type ReactElement } from "react";
import { Button } from "@/components/ui/button";
import { defaultComparison, keepChoice } from "./compare-choice";

/** "Compare [from] to [to] [Compare]": starts on the previous version → the latest; hidden below two versions. */
export function CompareControl({ numbers, onCompare }: { numbers: readonly number[]; onCompare(from: number, to: number): void }): ReactElement | null {
  const [fromChoice, setFromChoice] = useState<number | null>(null);
  const [toChoice, setToChoice] = useState<number | null>(null);
  const fromId = useId();
  const toId = useId();
  const fallback = defaultComparison(numbers);
  if (!fallback) return null;
  const from = keepChoice(fromChoice, numbers, fallback.from);
  const to = keepChoice(toChoice, numbers, fallback.to);
  const select = "rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-900";
  const options = numbers.map((number) => (
    <option key={number} value={number}>
      Version {number}
    </option>
  ));

  return (
    <div className="flex flex-wrap items-center gap-1.5 rounded-lg border border-slate-200 bg-slate-50 px-2.5 py-2 text-xs text-slate-600">
      <label htmlFor={fromId}>Compare</label>
      <select id={fromId} aria-label="Compare from" className={select} value={from} onChange={(event) => setFromChoice(Number(event.target.value))}>
        {options}
      </select>
      <label htmlFor={toId}>to</label>
      <select id={toId} aria-label="Compare to" className={select} value={to} onChange={(event) => setToChoice(Number(event.target.value))}>
        {options}
      </select>
      <Button size="sm" disabled={from === to} title={from === to ? "Choose two different versions" : undefined} onClick={() => onCompare(from, to)}>
        Compare
      </Button>
    </div>
  );
}
