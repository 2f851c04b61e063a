"use client";
import { plainHelpText } from "@/components/ui/help-text";
import { getStepSpec, paletteGroups } from "@/engine/definition/step-specs";
import { useDesigner } from "../designer/designer-context";
import { metaOf, paletteTypes } from "../step-meta";
import { useFreeCentre } from "../use-canvas-geometry";

/** The drag payload's type, so the canvas ignores files and text dropped on it. */
export const paletteDragType = "application/x-orka-step-type";

/**
 * Every step type, as buttons: drag one onto the canvas, or press it (click, Enter, Space) to add
 * the step in the middle of the view — the keyboard path.
 */
export function Palette() {
  const { store, announce } = useDesigner();
  const freeCentre = useFreeCentre();
  const types = paletteTypes();

  const add = (type: string) => {
    const occupied = store.getState().definition.steps.flatMap((step) => (step.position ? [step.position] : []));
    const id = store.getState().addStep(type, freeCentre(occupied));
    announce(`Added ${id}`);
  };

  return (
    <nav aria-label="Step palette" className="flex w-48 shrink-0 flex-col gap-4 overflow-y-auto border-r border-slate-200 bg-white p-3 select-none">
      {paletteGroups.map((group) => (
        <section key={group} aria-label={group}>
          <h2 className="mb-1.5 px-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{group}</h2>
          <ul className="flex flex-col gap-1">
            {types
              .filter((type) => metaOf(type).group === group)
              .map((type) => (
                <li key={type}>
                  <PaletteItem type={type} onAdd={add} />
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p className="mt-auto px-1 text-xs leading-5 text-slate-500">Drag a step onto the canvas, or press it to add it in the middle.</p>
    </nav>
  );
}

function PaletteItem({ type, onAdd }: { type: string; onAdd(type: string): void }) {
  const meta = metaOf(type);
  return (
    <button
      type="button"
      draggable
      onDragStart={(event) => {
        event.dataTransfer.setData(paletteDragType, type);
        event.dataTransfer.effectAllowed = "copy";
      }}
      onClick={() => onAdd(type)}
      aria-label={`Add ${meta.label} step`}
      title={plainHelpText(getStepSpec(type)?.description ?? "")}
      className="flex w-full cursor-grab items-center gap-2 rounded-md border border-transparent px-1.5 py-1.5 text-left text-sm text-slate-700 hover:border-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600 active:cursor-grabbing"
    >
      <span aria-hidden="true" className={`flex size-6 items-center justify-center rounded font-mono text-xs font-semibold ${meta.accent}`}>
        {meta.glyph}
      </span>
      {meta.label}
    </button>
  );
}
