import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./build-document";
import { openApiDocument } from "./document";
import type { ApiOperation } from "./operation";

const info = { title: "t", version: "1", description: "d" };
const operation = (fields: Partial<ApiOperation>): ApiOperation => ({
  method: "get",
  path: "/things/{thingId}",
  operationId: "getThing",
  summary: "s",
  apiKey: true,
  responses: {},
  ...fields,
});

describe("buildOpenApiDocument", () => {
  it("names schemas with an id as components and refers to them", () => {
    const when = z.date().transform((date) => date.toISOString()).pipe(z.string()).meta({ id: "When" });
    const thing = z.object({ id: z.string(), at: when, seen: when.nullable() }).meta({ id: "Thing" });
    const document = buildOpenApiDocument({ info, operations: [operation({ responses: { 200: { description: "ok", schema: thing } } })] });
    expect(document.paths["/things/{thingId}"]!.get!.responses["200"]!.content["application/json"]).toEqual({ schema: { $ref: "#/components/schemas/Thing" } });
    expect(document.components.schemas.Thing).toMatchObject({
      properties: { at: { $ref: "#/components/schemas/When" }, seen: { anyOf: [{ $ref: "#/components/schemas/When" }, { type: "null" }] } },
      additionalProperties: false,
    });
    expect(document.components.schemas.When).toEqual({ type: "string" });
  });

  it("turns path and query objects into parameters, as the handler reads them (io: input)", () => {
    const query = z.strictObject({
      limit: z.coerce.number().int().min(1).max(10).default(5),
      tag: z.string().transform((value) => value.split(",")).optional().meta({ description: "Comma-separated." }),
      must: z.string(),
    });
    const document = buildOpenApiDocument({ info, operations: [operation({ pathParameters: z.object({ thingId: z.string().max(9) }), query })] });
    expect(document.paths["/things/{thingId}"]!.get!.parameters).toEqual([
      { name: "thingId", in: "path", required: true, schema: { type: "string", maxLength: 9 } },
      { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 10, default: 5 } },
      { name: "tag", in: "query", required: false, description: "Comma-separated.", schema: { type: "string" } },
      { name: "must", in: "query", required: true, schema: { type: "string" } },
    ]);
  });

  it("refuses two different schemas under one id", () => {
    const first = z.object({ a: z.string() }).meta({ id: "Same" });
    const second = z.object({ b: z.string() }).meta({ id: "Same" });
    const operations = [operation({ responses: { 200: { description: "a", schema: first } } }), operation({ path: "/other", operationId: "other", responses: { 200: { description: "b", schema: second } } })];
    expect(() => buildOpenApiDocument({ info, operations })).toThrow('two different schemas are named "Same"');
  });
});

describe("the Orka API document", () => {
  const text = JSON.stringify(openApiDocument);

  it("is plain OpenAPI 3.1: every $ref is a component, no standalone JSON Schema leftovers", () => {
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(Object.keys(openApiDocument.components.schemas).map((id) => `#/components/schemas/${id}`)).toContain(ref);
    expect(text).not.toMatch(/"\$defs"|"\$schema"|"\$id"/);
  });

  it("has components that ajv compiles as JSON Schema 2020-12 in strict mode", () => {
    const ajv = new Ajv2020({ strict: true });
    (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
    ajv.addVocabulary(["components"]);
    ajv.addSchema({ $id: "api", components: openApiDocument.components }, "api");
    for (const id of Object.keys(openApiDocument.components.schemas)) {
      expect(() => ajv.compile({ $ref: `api#/components/schemas/${id}` })).not.toThrow();
    }
  });

  it("describes the request body the start handler parses, unknown fields refused", () => {
    expect(openApiDocument.components.schemas.StartRunBody).toMatchObject({ type: "object", properties: { version: { type: "integer", minimum: 1 } }, additionalProperties: false });
  });
});
