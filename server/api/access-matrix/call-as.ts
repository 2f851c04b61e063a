import { TRPCError } from "@trpc/server";
import { appRouter } from "@/server/api/root";
import type { Identity, World } from "./world";

export type Outcome = { ok: true; answer: unknown } | { ok: false; code: string; message: string };

type ProcedureType = "query" | "mutation" | "subscription";

/** The app router's procedures, flat and keyed by path ("workflows.get"), as tRPC 11 records them. */
export function procedureTypes(): Record<string, ProcedureType> {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureType } }>;
  return Object.fromEntries(Object.entries(procedures).map(([path, procedure]) => [path, procedure._def.type]));
}

const firstItemWithinMs = 5_000;

/**
 * Calls the procedure at `path` (nested: "teams.invites.accept") as `identity` through
 * `createCaller`. A subscription counts as answered once its first item arrives; it is then
 * aborted, so nothing keeps streaming.
 */
export async function callAs(world: World, identity: Identity, path: string, input: unknown): Promise<Outcome> {
  const controller = new AbortController();
  try {
    const answer = await procedureAt(world.callerAs(identity, controller.signal), path)(input);
    return { ok: true, answer: procedureTypes()[path] === "subscription" ? await firstItem(answer as AsyncIterable<unknown>, controller) : answer };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: "(not a TRPCError)", message: String(error) };
  } finally {
    controller.abort();
  }
}

function procedureAt(caller: object, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const segment of path.split(".")) target = (target as Record<string, unknown>)[segment];
  return target as (input: unknown) => Promise<unknown>;
}

async function firstItem(iterable: AsyncIterable<unknown>, controller: AbortController): Promise<unknown> {
  const iterator = iterable[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no item within ${firstItemWithinMs} ms`)), firstItemWithinMs);
  });
  try {
    const next = await Promise.race([iterator.next(), silence]);
    if (next.done) throw new Error("the stream ended before its first item");
    return next.value;
  } finally {
    clearTimeout(timer);
    // Abort before return(): a generator still waiting for its next item would hold return() until it came.
    controller.abort();
    await iterator.return?.();
  }
}
