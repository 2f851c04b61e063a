import superjson from "superjson";

type Serialized = ReturnType<typeof superjson.serialize>;

/**
 * `superjson.serialize`, byte for byte, without walking the parts that are plain JSON: superjson
 * records a path for every value it visits, which took ~200 ms for a 2,000-step draft on every
 * designer load (`workflows.get`, prefetched and dehydrated) and on every autosave. Each top-level
 * field of an object that is plain JSON (strings, finite numbers, booleans, null, plain objects and
 * arrays, no object twice) needs nothing from superjson and is passed as it is; the rest (dates,
 * undefined, maps…) is serialized by superjson. `superjson.deserialize` reads the result.
 */
export function serializeQueryData(data: unknown): Serialized {
  return serialized(data).serialized;
}

/**
 * What a query the server prefetched crosses to the browser as (`dehydrate`): `serializeQueryData`,
 * with each plain JSON field as JSON text. React's payload of the page walks every object of a
 * prop, twice on the server (written, then read back to render the HTML) and once more in the
 * browser; a 2,000-step draft is ~20,000 objects, one string as text. `hydrateQueryData` reads it.
 */
export function dehydrateQueryData(data: unknown): Serialized & { texts?: string[] } {
  const { serialized: result, plainKeys } = serialized(data);
  if (!plainKeys.length) return result;
  const json = { ...(result.json as Record<string, unknown>) };
  for (const key of plainKeys) json[key] = JSON.stringify(json[key]);
  return { ...result, json: json as Serialized["json"], texts: plainKeys };
}

/** Reads what `dehydrateQueryData` wrote (and anything `superjson.serialize` wrote). */
export function hydrateQueryData(data: Serialized & { texts?: string[] }): unknown {
  const { texts, ...rest } = data;
  const value = superjson.deserialize(rest);
  if (!texts) return value;
  const record = { ...(value as Record<string, unknown>) };
  for (const key of texts) record[key] = JSON.parse(record[key] as string) as unknown;
  return record;
}

function serialized(data: unknown): { serialized: Serialized; plainKeys: string[] } {
  const whole = () => ({ serialized: superjson.serialize(data), plainKeys: [] });
  if (!isRecord(data) || Object.hasOwn(data, "__proto__")) return whole();
  const plain = new Map<string, unknown>();
  const rest: Record<string, unknown> = {};
  const seen = new Set<object>();
  for (const [key, value] of Object.entries(data)) {
    const reached = new Set<object>();
    const kind = typeof value === "object" && value !== null ? plainness(value, seen, reached) : "special";
    // An object in two places is written once with a note (referentialEqualities): superjson's job.
    if (kind === "shared") return whole();
    if (kind === "plain") {
      for (const object of reached) seen.add(object);
      plain.set(key, value);
    } else rest[key] = value;
  }
  if (!plain.size || reachesAny(rest, seen)) return whole();
  const result = superjson.serialize(rest);
  const json = result.json as Record<string, unknown>;
  // In the data's own key order.
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(data)) merged[key] = plain.has(key) ? plain.get(key) : json[key];
  return { serialized: { ...result, json: merged as Serialized["json"] }, plainKeys: [...plain.keys()] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * "plain": JSON that superjson passes unchanged and JSON round-trips (no -0, NaN, Infinity);
 * "shared": it holds an object twice, or one `seen` in an earlier field; else "special". The objects
 * it holds are added to `reached`.
 */
function plainness(root: object, seen: Set<object>, reached: Set<object>): "plain" | "special" | "shared" {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    switch (typeof value) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(value) || Object.is(value, -0)) return "special";
        continue;
      case "object":
        if (value === null) continue;
        if (seen.has(value) || reached.has(value)) return "shared";
        reached.add(value);
        if (Array.isArray(value)) {
          for (let index = 0; index < value.length; index++) {
            if (!(index in value)) return "special";
            pending.push(value[index]);
          }
        } else if (isRecord(value)) {
          for (const key in value) pending.push(value[key]);
        } else return "special";
        continue;
      default:
        return "special";
    }
  }
  return "plain";
}

/** Whether anything in `value` is one of `objects` (own enumerable properties, arrays, maps, sets). */
function reachesAny(value: unknown, objects: Set<object>): boolean {
  const pending: unknown[] = [value];
  const visited = new Set<object>();
  while (pending.length) {
    const next = pending.pop();
    if (typeof next !== "object" || next === null || visited.has(next)) continue;
    if (objects.has(next)) return true;
    visited.add(next);
    if (next instanceof Map) for (const [key, item] of next) pending.push(key, item);
    else if (next instanceof Set) for (const item of next) pending.push(item);
    else for (const key of Object.keys(next)) pending.push((next as Record<string, unknown>)[key]);
  }
  return false;
}

/** tRPC's transformer on both ends: superjson, serializing with `serializeQueryData`. */
export const dataTransformer = { serialize: serializeQueryData, deserialize: superjson.deserialize.bind(superjson) };
