import { z } from "zod";
import type { ApiOperation, ApiResponse } from "./operation";

type JsonSchema = z.core.JSONSchema.JSONSchema;

/** The `info` and operations of an API; everything else of the document is derived. */
export interface ApiDescription {
  info: { title: string; version: string; description: string };
  operations: readonly ApiOperation[];
}

const componentPrefix = "#/components/schemas/";

/**
 * An OpenAPI 3.1 document generated with zod's own `z.toJSONSchema` (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1): request parts as their handlers accept them (`io: "input"`), answers as
 * the handlers send them (`io: "output"`). Schemas with a `meta({ id })` become named components.
 */
export function buildOpenApiDocument({ info, operations }: ApiDescription) {
  const components = new ComponentSchemas();
  const paths: Record<string, Record<string, ReturnType<typeof describeOperation>>> = {};
  for (const operation of operations) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: describeOperation(operation, components) };
  }
  return {
    openapi: "3.1.0" as const,
    info,
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A team API key: orka_…" } },
      schemas: components.all(),
    },
  };
}

function describeOperation(operation: ApiOperation, components: ComponentSchemas) {
  const { operationId, summary, description, body } = operation;
  const parameters = [
    ...parametersOf("path", operation.pathParameters, components),
    ...parametersOf("query", operation.query, components),
    ...parametersOf("header", operation.headers, components),
  ];
  return {
    operationId,
    summary,
    ...(description && { description }),
    ...(!operation.apiKey && { security: [] }),
    ...(parameters.length > 0 && { parameters }),
    ...(body && { requestBody: { required: body.required, content: { "application/json": { schema: components.schemaOf(body.schema, "input") } } } }),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, describeResponse(response, components)])),
  };
}

function describeResponse({ description, schema, headers = {} }: ApiResponse, components: ComponentSchemas) {
  return {
    description,
    ...(Object.keys(headers).length > 0 && {
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, header]) => [
          name,
          { description: header.description, required: header.required ?? false, schema: components.schemaOf(header.schema, "output") },
        ]),
      ),
    }),
    content: { "application/json": { schema: components.schemaOf(schema, "output") } },
  };
}

/** One parameter per field of a path, query or header object; a field's description moves up to the parameter. */
function parametersOf(location: "path" | "query" | "header", schema: z.ZodObject | undefined, components: ComponentSchemas) {
  if (!schema) return [];
  const { properties = {}, required = [] } = components.schemaOf(schema, "input");
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...fieldSchema } = property as JsonSchema;
    return { name, in: location, required: location === "path" || required.includes(name), ...(description && { description }), schema: fieldSchema };
  });
}

/** The named schemas every operation refers to, collected as the operations are converted. */
class ComponentSchemas {
  private readonly schemas = new Map<string, { json: JsonSchema; text: string }>();

  /** `schema` as JSON Schema, its named parts (and itself, if named) moved into the components. */
  schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const { $defs = {}, $schema: _dialect, ...root } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "throw" });
    for (const [id, json] of Object.entries($defs)) this.add(id, refsToComponents(json));
    return refsToComponents(root);
  }

  all(): Record<string, JsonSchema> {
    return Object.fromEntries([...this.schemas].sort(([a], [b]) => a.localeCompare(b)).map(([id, { json }]) => [id, json]));
  }

  private add(id: string, json: JsonSchema): void {
    const text = JSON.stringify(json);
    const known = this.schemas.get(id);
    // One id, two shapes: e.g. a schema with a default named in a request (input) and an answer (output).
    if (known && known.text !== text) throw new Error(`two different schemas are named "${id}": ${known.text} and ${text}`);
    this.schemas.set(id, { json, text });
  }
}

/** zod writes a standalone schema (`#/$defs/X`); in the document the named ones live in the components. */
function refsToComponents<T>(value: T): T {
  if (Array.isArray(value)) return value.map(refsToComponents) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      key === "$ref" && typeof entry === "string" && entry.startsWith("#/$defs/") ? `${componentPrefix}${entry.slice("#/$defs/".length)}` : refsToComponents(entry),
    ]),
  ) as T;
}
