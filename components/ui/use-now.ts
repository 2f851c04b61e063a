"use client";
import { useEffect, useState } from "react";

/** The current time in ms, re-read every `intervalMs` while `ticking` (a live duration, a countdown). */
export function useNow(ticking: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const tick = () => setNow(Date.now());
    // Re-read at once when ticking starts or stops (a run that just ended shows its final time).
    const first = setTimeout(tick, 0);
    const timer = ticking ? setInterval(tick, intervalMs) : undefined;
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [ticking, intervalMs]);
  return now;
}
