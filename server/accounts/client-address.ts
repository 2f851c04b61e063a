import { socketAddressOf } from "./socket-address";

/** The header better-auth reads the client address from: set by `withClientAddress`, never taken from the client. */
export const clientAddressHeader = "x-orka-client-address";

/**
 * ORKA_TRUST_PROXY: how many reverse proxies in front of Orka append the address they were
 * connected from to X-Forwarded-For. 0 (the default) ignores the header, since any client can send it.
 */
export function trustedProxyHops(setting: string | undefined): number {
  const value = (setting ?? "").trim().toLowerCase();
  if (value === "" || value === "0" || value === "false") return 0;
  if (value === "true") return 1;
  if (/^[1-9]$/.test(value)) return Number(value);
  throw new Error(`ORKA_TRUST_PROXY is "${setting}": use 0 (people reach Orka directly), 1 (through one reverse proxy) or the number of proxies in the chain`);
}

/**
 * Who sent the request: the connection's address, or behind `trustedHops` proxies the entry of
 * X-Forwarded-For that the outermost of them appended (entries to its left are the client's own claims).
 */
export function clientAddressOf(headers: Headers, trustedHops: number): string | null {
  const socket = socketAddressOf(headers);
  if (trustedHops === 0) return socket;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return socket;
  return forwarded[Math.max(0, forwarded.length - trustedHops)]!;
}

/** The request with `clientAddressHeader` set to its real client address (or removed when unknown). */
export function withClientAddress(request: Request, trustedHops: number): Request {
  const headers = new Headers(request.headers);
  headers.delete(clientAddressHeader);
  const address = clientAddressOf(request.headers, trustedHops);
  if (address) headers.set(clientAddressHeader, address);
  return new Request(request, { headers });
}
