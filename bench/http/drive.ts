// Drives one workload's endpoint over HTTP/1.1 keep-alive connections (undici) and checks every
// answer: sequential runs for latency, then C clients each sending its next request as soon as
// its previous answer arrived, for a fixed time. Knows nothing of the tool behind the URL.
import { Client } from "undici";
import { checkAnswer, type CompletionCheck } from "./check-answer";
import { requestBody, type WorkloadSpec } from "./workload-spec";

export interface Endpoint {
  spec: WorkloadSpec;
  /** Absolute URL the runs are POSTed to (query included, e.g. `?wait=true`). */
  url: string;
  completion: CompletionCheck;
}

export interface PhaseResult {
  /** Answers received (correct or not). */
  runs: number;
  failures: number;
  /** The first few reasons, with how often each occurred. */
  failureReasons: Record<string, number>;
  /** Latency of each correct run, ms. */
  latenciesMs: number[];
  /** From the first request to the last answer. */
  elapsedMs: number;
}

/** Time allowed for one run's answer: well past any `?wait` limit, so a stuck server shows as failures. */
const answerTimeoutMs = 60_000;

function openClient(url: URL): Client {
  return new Client(url.origin, { pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: answerTimeoutMs, bodyTimeout: answerTimeoutMs });
}

/** Numbers the runs across all phases and clients, so the route alternates over everything sent. */
export function createRunCounter(start = 0) {
  let next = start;
  return () => next++;
}

async function sendOne(client: Client, endpoint: Endpoint, path: string, index: number): Promise<{ latencyMs: number; failure: string | null }> {
  const body = requestBody(index);
  const started = performance.now();
  try {
    const response = await client.request({ path, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.body.text();
    const latencyMs = performance.now() - started;
    return { latencyMs, failure: checkAnswer({ statusCode: response.statusCode, body: text }, endpoint.spec, body.route, endpoint.completion) };
  } catch (error) {
    return { latencyMs: performance.now() - started, failure: `request failed: ${(error as Error).message}` };
  }
}

function emptyResult(): PhaseResult {
  return { runs: 0, failures: 0, failureReasons: {}, latenciesMs: [], elapsedMs: 0 };
}

function record(result: PhaseResult, outcome: { latencyMs: number; failure: string | null }) {
  result.runs++;
  if (outcome.failure === null) {
    result.latenciesMs.push(outcome.latencyMs);
    return;
  }
  result.failures++;
  const reasons = Object.keys(result.failureReasons);
  if (outcome.failure in result.failureReasons || reasons.length < 5) result.failureReasons[outcome.failure] = (result.failureReasons[outcome.failure] ?? 0) + 1;
}

/** `count` runs one after another on one keep-alive connection. */
export async function driveSequential(endpoint: Endpoint, count: number, nextIndex: () => number): Promise<PhaseResult> {
  const url = new URL(endpoint.url);
  const client = openClient(url);
  const result = emptyResult();
  const started = performance.now();
  try {
    for (let run = 0; run < count; run++) record(result, await sendOne(client, endpoint, url.pathname + url.search, nextIndex()));
  } finally {
    result.elapsedMs = performance.now() - started;
    await client.close();
  }
  return result;
}

/**
 * `clients` keep-alive connections, each sending its next run when the previous one answered,
 * until `seconds` have passed; runs still in flight then are awaited and counted.
 */
export async function driveConcurrent(endpoint: Endpoint, clients: number, seconds: number, nextIndex: () => number): Promise<PhaseResult> {
  const url = new URL(endpoint.url);
  const path = url.pathname + url.search;
  const connections = Array.from({ length: clients }, () => openClient(url));
  const result = emptyResult();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      connections.map(async (client) => {
        while (performance.now() < deadline) record(result, await sendOne(client, endpoint, path, nextIndex()));
      }),
    );
  } finally {
    result.elapsedMs = performance.now() - started;
    await Promise.all(connections.map((client) => client.close()));
  }
  return result;
}
