"use client";
import { createContext, useContext } from "react";
import type { EditorStore } from "../editor-store";

export interface DesignerContextValue {
  store: EditorStore;
  /** A version opened read-only, or a comparison: nothing may change the document. */
  readOnly: boolean;
  /** Says something in the designer's polite live region (e.g. why a connection was refused). */
  announce(message: string): void;
}

export const DesignerContext = createContext<DesignerContextValue | null>(null);

export function useDesigner(): DesignerContextValue {
  const value = useContext(DesignerContext);
  if (!value) throw new Error("useDesigner() outside <DesignerContext>");
  return value;
}
