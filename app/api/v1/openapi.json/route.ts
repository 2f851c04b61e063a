import { handleOpenApiDocument } from "@/server/api/rest/openapi/document";

export function GET() {
  return handleOpenApiDocument();
}
