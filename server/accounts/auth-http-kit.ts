import http from "node:http";
import type { AddressInfo } from "node:net";

export interface AuthOverHttp {
  /** POSTs JSON from a connection bound to `localAddress` (any 127.x.y.z on Linux loopback). */
  post(path: string, body: unknown, options: { from: string; headers?: Record<string, string> }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/**
 * Serves `handle` over real HTTP the way Next hands requests to a route handler (headers copied
 * from the incoming message, the socket left behind), so tests can send from several client
 * addresses and see what the server learns of them.
 */
export async function serveOverHttp(origin: string, handle: (request: Request) => Promise<Response>): Promise<AuthOverHttp> {
  const server = http.createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
    const response = await handle(new Request(`${origin}${incoming.url}`, { method: incoming.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
    outgoing.writeHead(response.status, { "content-type": response.headers.get("content-type") ?? "text/plain", "set-cookie": response.headers.getSetCookie() });
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    post: (path, body, { from, headers = {} }) =>
      new Promise((resolve, reject) => {
        const payload = JSON.stringify(body);
        const request = http.request(
          { host: "127.0.0.1", port, localAddress: from, method: "POST", path: `/api/auth${path}`, headers: { "content-type": "application/json", origin, ...headers } },
          (response) => {
            let text = "";
            response.on("data", (chunk: Buffer) => (text += chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
          },
        );
        request.on("error", reject);
        request.end(payload);
      }),
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
