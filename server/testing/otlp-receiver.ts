// An OTLP/HTTP (JSON) trace receiver for tests: keeps every span exported to it, with the
// `service.name` of the process that exported it.
import http from "node:http";
import type { AddressInfo } from "node:net";

type AttributeValue = { stringValue?: string; intValue?: string | number };

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: AttributeValue }[];
  /** The exporting process's `service.name` (OTEL_SERVICE_NAME). */
  service: string;
}

export interface OtlpReceiver {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  spans: ReceivedSpan[];
  close(): Promise<void>;
}

/** A span's attribute as a string or number; undefined when absent. */
export function spanAttribute(span: ReceivedSpan, key: string): string | number | undefined {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      type Exported = { resourceSpans: { resource?: { attributes?: { key: string; value: AttributeValue }[] }; scopeSpans: { spans: Omit<ReceivedSpan, "service">[] }[] }[] };
      for (const resource of (JSON.parse(body) as Exported).resourceSpans) {
        const service = resource.resource?.attributes?.find((entry) => entry.key === "service.name")?.value.stringValue ?? "";
        for (const scope of resource.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
