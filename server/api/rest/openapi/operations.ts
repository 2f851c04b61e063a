import { z } from "zod";
import { limits } from "@/engine";
import { jsonMaxDepth } from "@/server/http/json-depth";
import { errorBodySchema } from "@/server/http/responses";
import { finishedRunSchema, idempotencyKeyHeader, startedRunSchema, startHeadersSchema, startQuerySchema } from "@/server/http/start-run.schema";
import { webhookBodySchema, webhookPathSchema } from "@/server/triggers/webhook-route.schema";
import { apiKeyChallenge } from "../require-api-key";
import { getRunPathSchema, runStateSchema } from "../runs/get.schema";
import { listRunsQuerySchema, runListSchema } from "../runs/list.schema";
import { redriveBodySchema, redriveResultSchema } from "../runs/redrive.schema";
import { startRunBodySchema, startRunPathSchema } from "../runs/start.schema";
import { openApiDocumentSchema } from "./document.schema";
import type { ApiOperation, ApiResponse } from "./operation";

const megabyte = `${limits.runInputBytes / 1_000_000} MB`;
const startedHeaders = {
  Location: { description: "Where to read the run: /api/v1/runs/{runId}", schema: z.string(), required: true },
  "Idempotent-Replayed": {
    description: `Sent when the ${idempotencyKeyHeader} was seen before: the run is the one the first request started.`,
    schema: z.literal("true"),
  },
};

const seconds = z.string().regex(/^\d+$/);
const rateLimitHeaders = {
  "Retry-After": { description: "Seconds until the window ends and requests are counted again.", schema: seconds, required: true },
  "RateLimit-Limit": { description: "Requests allowed per window.", schema: seconds, required: true },
  "RateLimit-Remaining": { description: "Requests left in this window: 0.", schema: z.literal("0"), required: true },
  "RateLimit-Reset": { description: "Seconds until the window ends.", schema: seconds, required: true },
  "RateLimit-Policy": { description: "The limit as `<requests>;w=<seconds>`.", schema: z.string().regex(/^\d+;w=\d+$/), required: true },
};
const refusalHeaders: Record<string, ApiResponse["headers"]> = {
  401: { "WWW-Authenticate": { description: "How to authenticate.", schema: z.literal(apiKeyChallenge), required: true } },
  429: rateLimitHeaders,
};

function refusals(descriptions: Partial<Record<400 | 401 | 404 | 409 | 413 | 415 | 422 | 429 | 503, string>>): Record<number, ApiResponse> {
  return Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [
      status,
      { description, schema: errorBodySchema, ...(refusalHeaders[status] && { headers: refusalHeaders[status] }) },
    ]),
  );
}

const keyThrottled = "The API key made more requests than its rate limit allows (code RATE_LIMITED, ORKA_API_RATE_LIMIT); nothing was done.";

const waitedFor = { description: "With wait=true: the run finished within the timeout.", schema: finishedRunSchema, headers: startedHeaders };
const notPublished = `The workflow has no published version (code NOT_PUBLISHED), or that version no longer validates (INVALID_DEFINITION), or a request with this ${idempotencyKeyHeader} is still starting its run (IDEMPOTENCY_KEY_IN_USE: retry after Retry-After).`;
const keyReused = `This ${idempotencyKeyHeader} was used with a different request in the last 24 hours (code IDEMPOTENCY_KEY_REUSED); nothing was started.`;
const inputRefused = "the input does not match the workflow's input schema (code INVALID_INPUT; `issues` address each problem: `input.customer.tier`).";

/** Every operation of the public HTTP API, in the order the document lists them. */
export const apiOperations: readonly ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/workflows/{workflowId}/runs",
    operationId: "startRun",
    summary: "Start a run of a published version (the latest unless `version` is given)",
    apiKey: true,
    pathParameters: startRunPathSchema,
    query: startQuerySchema,
    headers: startHeadersSchema,
    body: { schema: startRunBodySchema, required: false },
    responses: {
      200: waitedFor,
      201: { description: "The run was started.", schema: startedRunSchema, headers: startedHeaders },
      ...refusals({
        400: `The body is not JSON, is nested deeper than ${jsonMaxDepth} levels (JSON_TOO_DEEP) or is not { input?, version? }, a query parameter is invalid, or ${inputRefused}`,
        401: "No API key, or an unknown or revoked one.",
        404: "No such workflow in the key's team, or no such version.",
        409: notPublished,
        413: `The body or the input is larger than ${megabyte}.`,
        415: "The body is not declared as JSON.",
        422: keyReused,
        429: keyThrottled,
      }),
    },
  },
  {
    method: "get",
    path: "/api/v1/runs",
    operationId: "listRuns",
    summary: "The team's top-level runs, newest first, one page at a time",
    apiKey: true,
    query: listRunsQuerySchema,
    responses: {
      200: { description: "One page.", schema: runListSchema },
      ...refusals({ 400: "A query parameter is invalid; `issues` name it.", 401: "No API key, or an unknown or revoked one.", 429: keyThrottled }),
    },
  },
  {
    method: "get",
    path: "/api/v1/runs/{runId}",
    operationId: "getRun",
    summary: "A run's state: status, input, output, error and steps",
    apiKey: true,
    pathParameters: getRunPathSchema,
    responses: {
      200: { description: "The run.", schema: runStateSchema },
      ...refusals({ 401: "No API key, or an unknown or revoked one.", 404: "No such run in the key's team.", 429: keyThrottled }),
    },
  },
  {
    method: "post",
    path: "/api/v1/runs/{runId}/redrive",
    operationId: "redriveRun",
    summary: "Continue a failed or cancelled run on a published version of its workflow (the latest unless `version` is given)",
    description:
      "Completed steps whose ids the version still has keep their outputs and do not run again; failed, cancelled and not-started steps run under the version; steps it no longer has are dropped. Asking again once the run is on that version changes nothing (`redriven: false`).",
    apiKey: true,
    pathParameters: getRunPathSchema,
    body: { schema: redriveBodySchema, required: false },
    responses: {
      200: { description: "Redriven (or, with dryRun, what would be).", schema: redriveResultSchema },
      ...refusals({
        400: `The body is not JSON, is nested deeper than ${jsonMaxDepth} levels (JSON_TOO_DEEP) or is not { version?, dryRun?, reason? }.`,
        401: "No API key, or an unknown or revoked one.",
        404: "No such run in the key's team, or no such version.",
        409: "The run is not failed or cancelled (code CONFLICT), is not a top-level run of a saved workflow, or the version no longer validates or its input schema refuses the run's input (INVALID_DEFINITION).",
        415: "The body is not declared as JSON.",
        429: keyThrottled,
        503: "This server runs no engine (ORKA_ENGINE=off) and no engine took the redrive within 10 s (code ENGINE_UNAVAILABLE); it was not applied, or the engine that took it did not finish in time and it may still apply.",
      }),
    },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    apiKey: false,
    responses: { 200: { description: "The OpenAPI 3.1 document.", schema: openApiDocumentSchema } },
  },
  {
    method: "post",
    path: "/api/hooks/{token}",
    operationId: "triggerWebhook",
    summary: "Start a run of the webhook's workflow (latest published version); the JSON body is the run input",
    description: "The secret token in the path is the credential.",
    apiKey: false,
    pathParameters: webhookPathSchema,
    query: startQuerySchema,
    headers: startHeadersSchema,
    body: { schema: webhookBodySchema, required: false },
    responses: {
      200: waitedFor,
      202: { description: "The run was started.", schema: startedRunSchema, headers: startedHeaders },
      ...refusals({
        400: `The body is not valid JSON or is nested deeper than ${jsonMaxDepth} levels (JSON_TOO_DEEP), a query parameter is invalid, or ${inputRefused}`,
        404: "No webhook has this token (it may have been rotated).",
        409: notPublished,
        413: `The body is larger than ${megabyte}.`,
        415: "The body is not declared as JSON.",
        422: keyReused,
        429: "The webhook token made more requests than its rate limit allows (code RATE_LIMITED, ORKA_WEBHOOK_RATE_LIMIT); nothing was started.",
      }),
    },
  },
];
