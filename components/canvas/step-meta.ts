import { getStepSpec, paletteGroups, stepTypes, type PaletteGroup, type StepAccent, type StepLook } from "@/engine/definition/step-specs";

/** How the canvas draws a step type: the spec's look, with the accent as Tailwind classes. */
export interface StepMeta extends Omit<StepLook, "accent"> {
  /** Tailwind classes for the type's accent: badge background and text. */
  accent: string;
}

/** Written out in full so Tailwind finds every class in this file. */
const accentClasses: Record<StepAccent, string> = {
  slate: "bg-slate-100 text-slate-600",
  violet: "bg-violet-100 text-violet-700",
  amber: "bg-amber-100 text-amber-700",
  orange: "bg-orange-100 text-orange-700",
  sky: "bg-sky-100 text-sky-700",
  teal: "bg-teal-100 text-teal-700",
  emerald: "bg-emerald-100 text-emerald-700",
  indigo: "bg-indigo-100 text-indigo-700",
  fuchsia: "bg-fuchsia-100 text-fuchsia-700",
  rose: "bg-rose-100 text-rose-700",
  stone: "bg-stone-200 text-stone-700",
};

const unknownLook: StepLook = { label: "Unknown type", glyph: "?", accent: "rose", group: "Flow" };

export function metaOf(type: string): StepMeta {
  const look = getStepSpec(type)?.canvas ?? { ...unknownLook, label: type };
  return { ...look, accent: accentClasses[look.accent] };
}

/** Every registered type, in palette order (grouped). */
export function paletteTypes(): string[] {
  const order: readonly PaletteGroup[] = paletteGroups;
  return [...stepTypes].sort((a, b) => order.indexOf(metaOf(a).group) - order.indexOf(metaOf(b).group));
}
