import { z } from "zod";

/** What `GET /api/v1/openapi.json` promises of itself; the rest is OpenAPI 3.1. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
