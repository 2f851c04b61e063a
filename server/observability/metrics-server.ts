import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerMetrics } from "./metrics-endpoint";
import type { OrkaMetrics } from "./metrics";

export interface MetricsListen {
  port: number;
  host: string;
  token: string;
}

/**
 * Where `orka worker` serves its metrics: `--metrics-port` (`flagPort`), else `ORKA_METRICS_PORT`
 * (0: a free port, which the worker prints), on `ORKA_METRICS_HOST` (default 127.0.0.1: only this
 * machine; set 0.0.0.0 or an address for a scraper elsewhere). Null when no port is given. The
 * endpoint answers only `Authorization: Bearer <ORKA_METRICS_TOKEN>`, as the web server's
 * `GET /api/metrics` does, so a port without a token is refused here rather than served as a 404.
 *
 * @example
 * metricsListenFromEnv({ ORKA_METRICS_PORT: "9464", ORKA_METRICS_TOKEN: "t" }) // { port: 9464, host: "127.0.0.1", token: "t" }
 */
export function metricsListenFromEnv(env: Record<string, string | undefined> = process.env, flagPort?: string): MetricsListen | null {
  const [name, text] = flagPort !== undefined ? ["--metrics-port", flagPort] : ["ORKA_METRICS_PORT", env.ORKA_METRICS_PORT];
  if (text === undefined || (flagPort === undefined && text.trim() === "")) return null;
  const port = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || port > 65_535) throw new Error(`${name}: "${text}" is not a port number (0 to 65535)`);
  const token = env.ORKA_METRICS_TOKEN?.trim();
  if (!token) throw new Error(`${name} needs ORKA_METRICS_TOKEN: the metrics endpoint answers only "Authorization: Bearer <token>"`);
  return { port, host: env.ORKA_METRICS_HOST?.trim() || "127.0.0.1", token };
}

export interface MetricsServer {
  /** Where it listens, e.g. `http://127.0.0.1:9464`. */
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP server for a process without the web app (`orka worker`): `GET /metrics` is the
 * Prometheus text of `metrics` behind the bearer token (`answerMetrics`, the rule of the web
 * server's `/api/metrics`); `GET /health` says `{ status }` to anyone, 200 while `status()` is
 * "running", 503 otherwise (starting, stopping). Resolves once it listens; rejects with a message
 * naming the address when it cannot (the port is taken, the host is not this machine's).
 */
export async function startMetricsServer(listen: MetricsListen, metrics: OrkaMetrics, status: () => string): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    void answer(request, listen.token, metrics, status).then(
      async (reply) => {
        response.writeHead(reply.status, Object.fromEntries(reply.headers));
        response.end(await reply.text());
      },
      () => response.writeHead(500, { "content-type": "text/plain" }).end("metrics failed\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(new Error(`metrics endpoint: cannot listen on ${listen.host}:${listen.port} (${error.code ?? error.message})`)));
    server.listen(listen.port, listen.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function answer(request: http.IncomingMessage, token: string, metrics: OrkaMetrics, status: () => string): Promise<Response> {
  const path = (request.url ?? "/").split("?")[0];
  if (request.method !== "GET" && request.method !== "HEAD") return new Response("GET only\n", { status: 405, headers: { allow: "GET, HEAD" } });
  if (path === "/metrics") return answerMetrics(new Request("http://worker/metrics", { headers: { authorization: request.headers.authorization ?? "" } }), metrics, token);
  if (path === "/health") {
    const now = status();
    return Response.json({ status: now }, { status: now === "running" ? 200 : 503, headers: { "cache-control": "no-store" } });
  }
  return new Response("Not Found\n", { status: 404, headers: { "content-type": "text/plain" } });
}
