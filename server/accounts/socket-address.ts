import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** Set on every request by `recordSocketAddresses`, replacing whatever a client sent under this name. */
export const socketAddressHeader = "x-orka-socket-address";

const stamping = globalThis as unknown as { orkaStampsSocketAddresses?: boolean };

/**
 * Stamps each request this process's HTTP servers receive with the address of the connection it
 * came on. Next's route handlers see headers, never the socket, and Next fills X-Forwarded-For
 * from the socket only when the client sent none, so that header cannot tell us who connected.
 * Call once at start-up (instrumentation.ts), before requests arrive: Node publishes
 * `http.server.request.start` just before the server's `request` event.
 */
export function recordSocketAddresses(): void {
  if (stamping.orkaStampsSocketAddresses) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[socketAddressHeader] = socket.remoteAddress;
    else delete request.headers[socketAddressHeader];
  });
  stamping.orkaStampsSocketAddresses = true;
}

/** The connection's address; null where this process does not stamp requests (then the header could be anyone's). */
export function socketAddressOf(headers: Headers): string | null {
  return stamping.orkaStampsSocketAddresses ? headers.get(socketAddressHeader) : null;
}
