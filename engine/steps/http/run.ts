import { limits } from "../../definition/limits";
import { PermanentError, StepFailure, TransientError } from "../../errors";
import { secretNamesInConfig } from "../../definition/secret-refs";
import { evaluateExpression, renderTemplate, type ExpressionScope } from "../../expressions/evaluate";
import { defineHandler, type StepContext } from "../handler";
import type { StepConfig } from "../registry";
import { recordedRequest, recordedResponse, type HttpExchangeDetail } from "./exchange-detail";
import { readCappedBody } from "./read-capped-body";
import { retryAfterMs } from "./retry-after";
import { secretRedactor } from "./redact";
import { httpConfigSchema, httpSpec } from "./spec";

type HttpConfig = StepConfig<"http">;
type HttpOutput = { status: number; headers: Record<string, string>; body: unknown };

/**
 * Network errors, 5xx and 429 are transient; other 4xx are permanent. The idempotency key is sent
 * as `Idempotency-Key` so a receiver can drop the duplicate of an attempt re-run after a crash.
 * `$secrets.NAME` in the config is resolved here, when the step runs, for exactly the names written
 * there; their values are redacted from the output and from any error before either leaves, and
 * from the request and response the step records for people reading the run (`recordDetail`).
 */
export const httpHandler = defineHandler(httpSpec, {
  instant: false,
  defaultTimeoutMs: 30_000,
  run: async (ctx) => {
    const names = secretNamesInConfig(httpConfigSchema, ctx.config);
    if (names.length === 0) return { type: "complete", output: await request(ctx, ctx.scope, (detail) => ctx.recordDetail({ ...detail })) };
    const secrets = await ctx.secrets(names);
    const redact = secretRedactor(secrets);
    const record = (detail: HttpExchangeDetail) => ctx.recordDetail(redact.value({ ...detail }));
    try {
      return { type: "complete", output: redact.value(await request(ctx, { ...ctx.scope, extra: { ...ctx.scope.extra, secrets } }, record, redact.text)) };
    } catch (error) {
      throw redact.error(error);
    }
  },
});

/** `redactText` runs before a message is cut short: a cut secret would no longer be recognised. */
async function request(
  ctx: StepContext<HttpConfig>,
  scope: ExpressionScope,
  record: (detail: HttpExchangeDetail) => void,
  redactText = (text: string) => text,
): Promise<HttpOutput> {
  const { config } = ctx;
  const url = await renderTemplate(config.url, scope);
  if (!/^https?:\/\//i.test(url)) throw new PermanentError(`url must start with http:// or https://, got "${redactText(url).slice(0, 200)}"`);
  await ctx.breaker?.(redactText(new URL(url).host)); // a host written with a secret is keyed by its placeholder
  const headers: Record<string, string> = { "idempotency-key": ctx.idempotencyKey, traceparent: ctx.traceparent() };
  for (const [name, value] of Object.entries(config.headers ?? {})) headers[name.toLowerCase()] = await renderTemplate(value, scope);
  let body: string | undefined;
  if (config.body !== undefined) {
    body = JSON.stringify(await evaluateExpression(config.body, scope));
    headers["content-type"] ??= "application/json";
  }
  const sent = recordedRequest(config.method, url, headers, body);
  record({ request: sent });
  let response: Response;
  try {
    response = await ctx.fetch(url, { method: config.method, headers, body, signal: ctx.signal });
  } catch (error) {
    // The guarded client says no more than "not reached" about the network (see guarded-fetch.ts).
    if (ctx.signal.aborted || error instanceof StepFailure) throw error;
    throw new TransientError(`request to ${new URL(url).hostname} failed: ${(error as Error).message}`);
  }
  const responseHeaders = Object.fromEntries(response.headers);
  const text = await readCappedBody(response, limits.stepOutputBytes);
  record({ request: sent, response: recordedResponse(response.status, responseHeaders, text) });
  const output = { status: response.status, headers: responseHeaders, body: parseBody(response, text) };
  if (response.status === 429 || response.status >= 500) throw new TransientError(`HTTP ${response.status} from ${url}`, retryAfterMs(response, new Date()));
  if (response.status >= 400) throw new PermanentError(`HTTP ${response.status} from ${url}`);
  return output;
}

function parseBody(response: Response, text: string): unknown {
  if (!(response.headers.get("content-type") ?? "").includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
