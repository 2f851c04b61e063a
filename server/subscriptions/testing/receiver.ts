import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  answeredWith: number;
}

/**
 * An HTTP receiver for event deliveries on 127.0.0.1. `answer` picks each request's status
 * (default 204); every request is kept, in arrival order.
 */
export async function startReceiver(answer: (request: { eventId: string; attempt: number; index: number }) => number = () => 204) {
  const received: ReceivedDelivery[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const eventId = String(request.headers["orka-event-id"] ?? "");
      const status = answer({ eventId, attempt: Number(request.headers["orka-delivery-attempt"]), index: received.length });
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), answeredWith: status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/orka-events`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
