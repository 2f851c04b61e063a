import { expect, type APIRequestContext } from "@playwright/test";
import { uniqueName } from "./designer-kit";

/**
 * Calls a tRPC procedure over HTTP as the browser does (superjson envelope, the page's Origin: the
 * server refuses mutations from other origins), as whoever `request`'s cookies sign in.
 */
export async function trpc<T>(request: APIRequestContext, path: string, input: unknown, kind: "mutation" | "query" = "mutation", origin = process.env.ORKA_E2E_URL!): Promise<T> {
  const response =
    kind === "mutation"
      ? await request.post(`${origin}/api/trpc/${path}`, { data: { json: input }, headers: { origin } })
      : await request.get(`${origin}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  expect(body.error, `${path}: ${JSON.stringify(body.error)}`).toBeUndefined();
  return body.result!.data.json;
}

/** A new workflow with `definition` as its draft, published as version 1. Returns its id. */
export async function publishedWorkflow(request: APIRequestContext, stem: string, definition: Record<string, unknown>, origin = process.env.ORKA_E2E_URL!): Promise<string> {
  const name = uniqueName(stem);
  const { id } = await trpc<{ id: string }>(request, "workflows.create", { name }, "mutation", origin);
  const saved = await trpc<{ draftRevision: number }>(
    request,
    "workflows.saveDraft",
    { workflowId: id, baseRevision: 0, draft: { format: "orka/v1", name, namespace: "default", ...definition } },
    "mutation",
    origin,
  );
  await trpc(request, "workflows.publish", { workflowId: id, baseRevision: saved.draftRevision }, "mutation", origin);
  return id;
}

export async function startRun(request: APIRequestContext, workflowId: string, input: unknown = {}): Promise<string> {
  return (await trpc<{ runId: string }>(request, "runs.start", { workflowId, input })).runId;
}
