"use client";
import { lazy, Suspense, useState, type ComponentType } from "react";

/**
 * A dialog whose code is loaded the first time it opens, not with the page: until then nothing is
 * rendered. Once opened it stays mounted, as an eagerly loaded dialog would (closed, it keeps its state).
 */
export function lazyWhenOpen<P extends { open: boolean }>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  function LazyDialog(props: P) {
    const [opened, setOpened] = useState(props.open);
    if (props.open && !opened) setOpened(true);
    if (!opened) return null;
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyDialog;
}
