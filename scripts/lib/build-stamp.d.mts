/** Why `next build` must run again, or `null` when `.next` is newer than every source file. */
export function staleBuildReason(): string | null;
