import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";

interface DocumentedResponse {
  headers?: Record<string, { required?: boolean; schema: object }>;
  content: Record<string, { schema: object }>;
}

interface Document {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, DocumentedResponse> }>>;
}

/** `/api/v1/runs/{runId}` as a JSON Pointer segment inside a URI fragment. */
const segment = (key: string) => encodeURIComponent(key.replaceAll("~", "~0").replaceAll("/", "~1"));

/**
 * Checks real answers against an OpenAPI document with ajv (JSON Schema 2020-12, formats on):
 * the status must be documented for the operation, the body must match that status's schema,
 * and the documented required headers must be there and match theirs.
 */
export function responseChecker(document: Document) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
  // Strict mode refuses keywords it does not know; these are OpenAPI's, not JSON Schema's.
  ajv.addVocabulary(["openapi", "info", "servers", "security", "paths", "components"]);
  ajv.addSchema(document, "openapi.json");
  const operations = new Map(
    Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => [operation.operationId, { path, method, operation }] as const)),
  );
  const validatorAt = (...keys: string[]) => {
    const validate = ajv.getSchema(`openapi.json#/${keys.map(segment).join("/")}`);
    if (!validate) throw new Error(`nothing to validate with at ${keys.join(" ")}`);
    return (value: unknown) => {
      if (!validate(value)) throw new Error(`${keys.join(" ")}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value).slice(0, 500)}`);
    };
  };
  /** The answer's parsed body, once it matched what the document says of `operationId` and its status. */
  return async function checkResponse(operationId: string, response: Response): Promise<unknown> {
    const found = operations.get(operationId);
    if (!found) throw new Error(`the document has no operation ${operationId}`);
    const { path, method, operation } = found;
    const status = String(response.status);
    expect(Object.keys(operation.responses), `${operationId} answered ${status}`).toContain(status);
    const documented = operation.responses[status]!;
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = response.headers.get(name);
      if (value === null) expect(header.required ?? false, `${operationId} ${status} without header ${name}`).toBe(false);
      else validatorAt("paths", path, method, "responses", status, "headers", name, "schema")(value);
    }
    const body = (await response.json()) as unknown;
    validatorAt("paths", path, method, "responses", status, "content", "application/json", "schema")(body);
    return body;
  };
}
