"use client";
import { useCallback, useRef, useState } from "react";

/**
 * A message for the designer's polite live region and its visible toast; it clears itself so
 * the same message said twice is announced twice.
 */
export function useAnnouncer(): [string, (message: string) => void] {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = useCallback((next: string) => {
    if (timer.current) clearTimeout(timer.current);
    setMessage(next);
    timer.current = setTimeout(() => setMessage(""), 4000);
  }, []);
  return [message, announce];
}
