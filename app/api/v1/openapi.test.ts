import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/api/rest/openapi/document";

const apiRoot = path.resolve(import.meta.dirname, "..");
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route.ts under these folders, as the OpenAPI path it serves (`[runId]` → `{runId}`). */
function routeFiles(...folders: string[]): { file: string; path: string }[] {
  return folders.flatMap((folder) =>
    fs
      .readdirSync(path.join(apiRoot, folder), { recursive: true, encoding: "utf8" })
      .filter((entry) => path.basename(entry) === "route.ts")
      .map((entry) => {
        const segments = path.dirname(path.join(folder, entry)).split(path.sep).map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}"));
        return { file: path.join(apiRoot, folder, entry), path: `/api/${segments.join("/")}` };
      }),
  );
}

const routes = routeFiles("v1", "hooks");
const documented = openApiDocument.paths as Record<string, Record<string, unknown>>;

describe("openapi.json", () => {
  it("finds the route handlers", () => {
    expect(routes.map((route) => route.path).sort()).toEqual(["/api/hooks/{token}", "/api/v1/openapi.json", "/api/v1/runs", "/api/v1/runs/{runId}", "/api/v1/runs/{runId}/redrive", "/api/v1/workflows/{workflowId}/runs"]);
  });

  it.each(routes)("describes every method of $path", async ({ file, path: routePath }) => {
    const module = (await import(file)) as Record<string, unknown>;
    const exported = methods.filter((method) => typeof module[method] === "function");
    expect(exported.length).toBeGreaterThan(0);
    expect(Object.keys(documented[routePath] ?? {}).sort()).toEqual(exported.map((method) => method.toLowerCase()).sort());
  });

  it("describes no path without a route handler", () => {
    expect(Object.keys(documented).sort()).toEqual(routes.map((route) => route.path).sort());
  });

  it("names every path parameter and resolves every $ref", () => {
    for (const [routePath, operations] of Object.entries(documented)) {
      const inPath = [...routePath.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(operations) as { parameters?: { name: string; in: string }[] }[]) {
        expect((operation.parameters ?? []).filter((parameter) => parameter.in === "path").map((parameter) => parameter.name)).toEqual(inPath);
      }
    }
    const refs = [...JSON.stringify(openApiDocument).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]!);
    for (const name of refs) expect(openApiDocument.components.schemas).toHaveProperty(name);
  });

  it("is served as OpenAPI 3.1 JSON", async () => {
    const { GET } = await import("./openapi.json/route");
    const response = GET();
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toMatchObject({ openapi: "3.1.0", paths: expect.any(Object) });
  });
});
