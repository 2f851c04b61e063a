type Container = Record<string, unknown> | unknown[];
export type ValuePath = readonly (string | number)[];

/**
 * A copy of `target` with the value at `path` replaced; `undefined` removes an object key (an
 * optional field left empty is absent from the config, not stored as `undefined`).
 */
export function setIn<T extends Container>(target: T, path: ValuePath, value: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return value as T;
  const current = (target as Record<string | number, unknown>)[head];
  const next = rest.length === 0 ? value : setIn(isContainer(current) ? current : typeof rest[0] === "number" ? [] : {}, rest, value);
  if (Array.isArray(target)) return target.map((item, index) => (index === head ? next : item)) as T;
  const copy: Record<string, unknown> = { ...target };
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

export function getIn(target: unknown, path: ValuePath): unknown {
  return path.reduce<unknown>((value, key) => (isContainer(value) ? (value as Record<string | number, unknown>)[key] : undefined), target);
}

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/** Joins value path segments the way validation issues write them: `config.cases[1].label`. */
export function joinPath(base: string, path: ValuePath): string {
  return path.reduce<string>((joined, key) => (typeof key === "number" ? `${joined}[${key}]` : joined ? `${joined}.${key}` : key), base);
}

/** What a number input holds: a number, nothing (clear the field), or text that does not parse yet ("1e", "-"). */
export function parseNumberText(text: string): number | undefined | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : "invalid";
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item!);
  return moved;
}
