// The OpenAPI 3.1 description of the routes beside it (served at /api/v1/openapi.json). Written by
// hand; openapi.test.ts fails when a route file and this document disagree on paths or methods.
import { errorKinds, runStatuses, stepStatuses } from "@/engine/definition";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const jsonBody = (schema: object) => ({ "application/json": { schema } });
const location = { Location: { description: "Where to read the run: /api/v1/runs/{runId}", schema: { type: "string" } } };
const waitParameters = [
  { name: "wait", in: "query", description: "Wait for the run to finish and answer 200 with its output.", schema: { type: "boolean", default: false } },
  { name: "timeout", in: "query", description: "Seconds to wait with wait=true (default 10, at most 30); on expiry the answer is the not-waiting one.", schema: { type: "number", exclusiveMinimum: 0, maximum: 30 } },
];
const finishedRun = {
  description: "With wait=true: the run finished within the timeout.",
  content: jsonBody(ref("FinishedRun")),
  headers: location,
};
const unauthorized = errorResponse("No API key, or an unknown or revoked one.");

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Orka API",
    version: "1.0.0",
    description:
      "Start and inspect runs of published workflows. Authenticate with a team API key (`Authorization: Bearer orka_…`, created in the designer). Errors are `{ error: { code, message, issues? } }`; a resource of another team answers 404.",
  },
  servers: [{ url: "/" }],
  security: [{ apiKey: [] }],
  paths: {
    "/api/v1/workflows/{workflowId}/runs": {
      post: {
        operationId: "startRun",
        summary: "Start a run of a published version (the latest unless `version` is given)",
        parameters: [{ name: "workflowId", in: "path", required: true, schema: { type: "string" } }, ...waitParameters],
        requestBody: { required: false, content: jsonBody(ref("StartRunBody")) },
        responses: {
          "200": finishedRun,
          "201": { description: "The run was started.", content: jsonBody(ref("StartedRun")), headers: location },
          "400": errorResponse("The body is not JSON or not { input?, version? }, or a query parameter is invalid."),
          "401": unauthorized,
          "404": errorResponse("No such workflow in the key's team, or no such version."),
          "409": errorResponse("The workflow has no published version (code NOT_PUBLISHED)."),
          "413": errorResponse("The body or the input is larger than 1 MB."),
          "415": errorResponse("The body is not declared as JSON."),
          "422": errorResponse("The input does not match the workflow's input schema; `issues` address each problem (`input.customer.tier`)."),
        },
      },
    },
    "/api/v1/runs": {
      get: {
        operationId: "listRuns",
        summary: "The team's runs, newest first",
        parameters: [
          { name: "workflowId", in: "query", schema: { type: "string" } },
          { name: "status", in: "query", description: "One status or several, comma-separated.", schema: { type: "string", examples: ["failed", "running,pending"] } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
          { name: "cursor", in: "query", description: "`nextCursor` of the previous page.", schema: { type: "string" } },
        ],
        responses: {
          "200": { description: "One page.", content: jsonBody(ref("RunList")) },
          "400": errorResponse("A query parameter is invalid."),
          "401": unauthorized,
        },
      },
    },
    "/api/v1/runs/{runId}": {
      get: {
        operationId: "getRun",
        summary: "A run's state: status, input, output, error and steps",
        parameters: [{ name: "runId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "The run.", content: jsonBody(ref("RunState")) },
          "401": unauthorized,
          "404": errorResponse("No such run in the key's team."),
        },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        security: [],
        responses: { "200": { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
    "/api/hooks/{token}": {
      post: {
        operationId: "triggerWebhook",
        summary: "Start a run of the webhook's workflow (latest published version); the JSON body is the run input",
        description: "The secret token in the path is the credential; an empty body is the input `{}`.",
        security: [],
        parameters: [{ name: "token", in: "path", required: true, schema: { type: "string" } }, ...waitParameters],
        requestBody: { required: false, content: jsonBody({ description: "The run input." }) },
        responses: {
          "200": finishedRun,
          "202": { description: "The run was started.", content: jsonBody(ref("StartedRun")), headers: location },
          "400": errorResponse("The body is not valid JSON, or a query parameter is invalid."),
          "404": errorResponse("No webhook has this token (it may have been rotated)."),
          "409": errorResponse("The workflow has no published version (code NOT_PUBLISHED)."),
          "413": errorResponse("The body is larger than 1 MB."),
          "415": errorResponse("The body is not declared as JSON."),
          "422": errorResponse("The input does not match the workflow's input schema."),
        },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A team API key: orka_…" } },
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { type: "string", enum: ["BAD_REQUEST", "INVALID_JSON", "UNAUTHORIZED", "NOT_FOUND", "NOT_PUBLISHED", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "INVALID_INPUT", "INVALID_DEFINITION", "INTERNAL"] },
              message: { type: "string" },
              issues: { type: "array", items: ref("Issue") },
            },
          },
        },
      },
      Issue: { type: "object", required: ["path", "message"], properties: { path: { type: "string", examples: ["input.n"] }, message: { type: "string" } } },
      RunStatus: { type: "string", enum: [...runStatuses] },
      StepStatus: { type: "string", enum: [...stepStatuses] },
      StepError: {
        type: ["object", "null"],
        required: ["kind", "message"],
        properties: { kind: { type: "string", enum: [...errorKinds], description: "transient and timeout errors were retried per the step's policy" }, message: { type: "string" } },
      },
      StartRunBody: {
        type: "object",
        additionalProperties: false,
        properties: { input: { description: "The run input; {} when omitted." }, version: { type: "integer", minimum: 1 } },
      },
      StartedRun: {
        type: "object",
        required: ["runId", "status", "version"],
        properties: { runId: { type: "string" }, status: ref("RunStatus"), version: { type: "integer" } },
      },
      FinishedRun: {
        type: "object",
        required: ["runId", "status", "version"],
        properties: { runId: { type: "string" }, status: ref("RunStatus"), version: { type: "integer" }, output: {}, error: ref("StepError") },
      },
      RunState: {
        type: "object",
        required: ["id", "status", "input", "output", "error", "steps", "createdAt"],
        properties: {
          id: { type: "string" },
          status: ref("RunStatus"),
          workflowId: { type: ["string", "null"] },
          version: { type: ["integer", "null"] },
          parentRunId: { type: ["string", "null"] },
          input: {},
          output: {},
          error: ref("StepError"),
          createdAt: { type: "string", format: "date-time" },
          startedAt: { type: ["string", "null"], format: "date-time" },
          finishedAt: { type: ["string", "null"], format: "date-time" },
          steps: {
            type: "array",
            items: {
              type: "object",
              required: ["stepId", "status", "attempt"],
              properties: {
                stepId: { type: "string" },
                status: ref("StepStatus"),
                attempt: { type: "integer" },
                output: {},
                error: ref("StepError"),
                startedAt: { type: ["string", "null"], format: "date-time" },
                finishedAt: { type: ["string", "null"], format: "date-time" },
              },
            },
          },
        },
      },
      RunList: {
        type: "object",
        required: ["items", "nextCursor"],
        properties: {
          items: {
            type: "array",
            items: {
              type: "object",
              required: ["id", "status", "createdAt"],
              properties: {
                id: { type: "string" },
                status: ref("RunStatus"),
                workflowId: { type: ["string", "null"] },
                version: { type: ["integer", "null"] },
                createdAt: { type: "string", format: "date-time" },
                startedAt: { type: ["string", "null"], format: "date-time" },
                finishedAt: { type: ["string", "null"], format: "date-time" },
              },
            },
          },
          nextCursor: { type: ["string", "null"] },
        },
      },
    },
  },
} as const;
