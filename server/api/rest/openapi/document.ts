import { respond } from "@/server/http/responses";
import { buildOpenApiDocument } from "./build-document";
import { openApiDocumentSchema } from "./document.schema";
import { apiOperations } from "./operations";

export const openApiDocument = buildOpenApiDocument({
  info: {
    title: "Orka API",
    version: "1.0.0",
    description:
      "Start and inspect runs of published workflows. Authenticate with a team API key (`Authorization: Bearer orka_…`, made under Settings → API keys). Errors are `{ error: { code, message, issues? } }`; a resource of another team answers 404. Generated from the schemas the handlers parse requests and shape answers with.",
  },
  operations: apiOperations,
});

/** `GET /api/v1/openapi.json`. */
export function handleOpenApiDocument(): Response {
  return respond(openApiDocumentSchema, openApiDocument);
}
