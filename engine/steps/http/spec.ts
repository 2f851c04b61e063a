import { z } from "zod";
import { expression, template } from "../../definition/fields";
import { defineStep } from "../spec";

export const httpConfigSchema = z.strictObject({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]).default("GET"),
  url: template().refine((url) => url.trim().length > 0, "url is empty"),
  headers: z.record(z.string(), template()).optional(),
  /** JSON body built by an expression, sent as application/json. */
  body: expression().optional(),
});

export const httpSpec = defineStep({
  type: "http",
  description: "Makes an HTTP request; output is `{ status, headers, body }`. 5xx/429/network errors retry, 4xx do not.",
  canvas: { label: "HTTP request", glyph: "⇄", accent: "sky", group: "Actions" },
  readsSecrets: true,
  breakerByDefault: true,
  configSchema: httpConfigSchema,
  branches: () => null,
});
