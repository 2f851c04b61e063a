"use client";
import { useState } from "react";
import { parseJsonText } from "./json-text";

/**
 * The text of a JSON field and its reading: `read()` gives the value, or null after putting the
 * parser's message in `error` (cleared by the next good read or `clearError`).
 */
export function useJsonText(initial: string) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const read = (): { value: unknown } | null => {
    const parsed = parseJsonText(text);
    setError(parsed.ok ? null : parsed.error);
    return parsed.ok ? { value: parsed.value } : null;
  };
  return { text, setText, error, read, clearError: () => setError(null) };
}
