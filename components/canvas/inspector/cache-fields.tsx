"use client";

import type { StepDefinition } from "@/engine/definition";
import { TextField } from "./text-field";

type Cache = StepDefinition["cache"];

/** `cache`: a ttl turns it on (empty turns it off); the key is optional. */
export function CacheFields({ at, cache, onChange }: { at: string; cache: Cache; onChange(cache: Cache, merge: boolean): void }) {
  return (
    <div className="space-y-3">
      <TextField
        path={`${at}.cache.ttl`}
        label="Cache outputs for"
        hint='A duration such as "15m", "1h", "7d"; empty: no caching.'
        value={cache?.ttl ?? ""}
        placeholder="No caching"
        onChange={(ttl) => onChange(ttl ? { ...cache, ttl } : undefined, true)}
      />
      {cache && (
        <TextField
          path={`${at}.cache.key`}
          label="Cache key (expression)"
          hint="Empty: the step's config and everything it sees. Required when the step reads secrets."
          value={cache.key ?? ""}
          placeholder="$input.customerId"
          onChange={(key) => onChange({ ttl: cache.ttl, ...(key && { key }) }, true)}
        />
      )}
    </div>
  );
}
