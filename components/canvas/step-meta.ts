import { stepTypes } from "@/engine/definition";

export interface StepMeta {
  label: string;
  /** One short glyph drawn in the node's badge; decorative (the label names the type). */
  glyph: string;
  /** Tailwind classes for the type's accent: badge background and text. */
  accent: string;
  /** Palette grouping. */
  group: "Logic" | "Actions" | "Flow";
}

/** UI metadata per step type (DESIGN §2: the registry holds behaviour, the canvas holds looks). */
export const stepMeta: Record<string, StepMeta> = {
  noop: { label: "No-op", glyph: "○", accent: "bg-slate-100 text-slate-600", group: "Flow" },
  code: { label: "Code", glyph: "{}", accent: "bg-violet-100 text-violet-700", group: "Actions" },
  condition: { label: "Condition", glyph: "◇", accent: "bg-amber-100 text-amber-700", group: "Logic" },
  switch: { label: "Switch", glyph: "⇉", accent: "bg-orange-100 text-orange-700", group: "Logic" },
  http: { label: "HTTP request", glyph: "⇄", accent: "bg-sky-100 text-sky-700", group: "Actions" },
  delay: { label: "Delay", glyph: "◷", accent: "bg-teal-100 text-teal-700", group: "Flow" },
  approval: { label: "Approval", glyph: "✓", accent: "bg-emerald-100 text-emerald-700", group: "Logic" },
  subworkflow: { label: "Sub-workflow", glyph: "▣", accent: "bg-indigo-100 text-indigo-700", group: "Actions" },
  map: { label: "Map", glyph: "⋮", accent: "bg-fuchsia-100 text-fuchsia-700", group: "Actions" },
  fail: { label: "Fail", glyph: "✕", accent: "bg-rose-100 text-rose-700", group: "Flow" },
  stop: { label: "Stop", glyph: "■", accent: "bg-stone-200 text-stone-700", group: "Flow" },
};

const unknownMeta: StepMeta = { label: "Unknown type", glyph: "?", accent: "bg-rose-100 text-rose-700", group: "Flow" };

export function metaOf(type: string): StepMeta {
  return stepMeta[type] ?? { ...unknownMeta, label: type };
}

/** Every registered type, in palette order (grouped). */
export function paletteTypes(): string[] {
  const order: StepMeta["group"][] = ["Actions", "Logic", "Flow"];
  return [...stepTypes].sort((a, b) => order.indexOf(metaOf(a).group) - order.indexOf(metaOf(b).group));
}
