import http from "node:http";
import type { AddressInfo } from "node:net";
import { classifyError } from "../../../errors";
import type { StepError } from "../../../definition/statuses";
import type { StepContext } from "../../handler";
import { defaultEgressPolicy, type EgressPolicy } from "../egress-policy";
import { createGuardedFetch } from "../guarded-fetch";
import { httpHandler } from "../run";
import { httpConfigSchema } from "../spec";

type HttpOutput = { status: number; headers: Record<string, string>; body: unknown };

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  /** `http://<host>:<port>` (IPv6 in brackets). */
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

/** A real HTTP server on `host` (any 127.x.y.z or ::1) answering with `handle` once a request's body is in. */
export async function localServer(host: string, handle: (request: Received, response: http.ServerResponse) => void): Promise<LocalServer> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const one = { method: request.method!, path: request.url!, headers: request.headers, body };
      received.push(one);
      handle(one, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on `host` that nothing listens on (one that just did). */
export async function closedPort(host = "127.0.0.1"): Promise<number> {
  const server = await localServer(host, () => {});
  await server.close();
  return server.port;
}

/**
 * Runs the real `http` handler on the guarded client under `policy`, the way the engine does;
 * resolves with its output or its classified error, and keeps what the client logged.
 */
export function guardedHttpStep(policy: EgressPolicy = defaultEgressPolicy) {
  const logged: string[] = [];
  const client = createGuardedFetch({ policy, logger: { info() {}, warn: (message) => void logged.push(message), error() {} } });
  return {
    logged,
    close: client.close,
    async run(config: unknown): Promise<{ output?: HttpOutput; error?: StepError }> {
      const ctx = {
        runId: "r1",
        teamId: null,
        config: httpConfigSchema.parse(config),
        attempt: 1,
        idempotencyKey: "r1:call:1",
        traceparent: () => "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        scope: { input: {}, steps: {}, vars: {}, run: { id: "r1" } },
        signal: new AbortController().signal,
        secrets: async () => ({}),
        recordDetail: () => {},
        fetch: client.fetch,
      } as unknown as StepContext<never>;
      try {
        const outcome = await httpHandler.run(ctx);
        return { output: outcome.type === "complete" ? (outcome.output as HttpOutput) : undefined };
      } catch (error) {
        return { error: classifyError(error) };
      }
    },
  };
}
