import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector, fetch as undiciFetch } from "undici";
import { PermanentError, TransientError } from "../../errors";
import type { Logger } from "../../runtime/logger";
import { checkEgress, type EgressPolicy } from "./egress-policy";
import { nextRedirect, type HttpRequest } from "./redirects";

export type { HttpRequest } from "./redirects";
/** Sends one `http` step request (following redirects) and resolves with the final response. */
export type HttpFetch = (url: string, request: HttpRequest) => Promise<Response>;

export const maxRedirects = 5;
export const maxResponseHeaderBytes = 16 * 1024;

/** The one message for a target refused by the policy and one that does not answer: they must look alike. */
export const unreachableMessage = (hostname: string) => `request to ${hostname} failed: the host could not be reached or is not allowed`;

/**
 * The http client of `http` steps. Every connection goes through the egress policy, checked on
 * the address actually connected to: a host name is resolved once, its refused addresses dropped,
 * and the socket opened to what is left (no second lookup a DNS rebinding could answer
 * differently); an IP literal is checked as it is. Redirects are followed here, at most
 * `maxRedirects`, each hop on a new check. Response headers are capped at `maxResponseHeaderBytes`.
 * A refused target and an unreachable one fail with the same transient error; the precise reason
 * goes to `logger` (addresses and error codes only: a host name may hold a secret).
 */
export function createGuardedFetch({ policy, logger }: { policy: EgressPolicy; logger: Logger }): { fetch: HttpFetch; close(): Promise<void> } {
  const agent = new Agent({ maxHeaderSize: maxResponseHeaderBytes, connect: guardedConnector(policy) });

  async function send(url: string, request: HttpRequest): Promise<Response> {
    try {
      const { method, headers, body, signal } = request;
      // Only the stream typings of undici 7 and the DOM lib differ: the object is a fetch Response.
      return (await undiciFetch(url, { method, headers, body, signal, redirect: "manual", dispatcher: agent })) as unknown as Response;
    } catch (error) {
      if (request.signal.aborted || !isNetworkError(error)) throw error;
      const hostname = new URL(url).hostname;
      const cause = (error as Error).cause as Parameters<typeof describeCause>[0];
      if (cause?.code === "UND_ERR_HEADERS_OVERFLOW") throw new PermanentError(`response headers from ${hostname} are larger than ${maxResponseHeaderBytes.toLocaleString("en-US")} bytes`);
      logger.warn(`an http step's request was not answered: ${describeCause(cause)}`);
      throw new TransientError(unreachableMessage(hostname));
    }
  }

  return {
    async fetch(url, request) {
      for (let redirects = 0; ; redirects++) {
        const response = await send(url, request);
        const next = nextRedirect(url, request, response);
        if (!next) return response;
        await response.body?.cancel().catch(() => {});
        if (redirects === maxRedirects) throw new PermanentError(`request to ${new URL(url).hostname} failed: more than ${maxRedirects} redirects`);
        ({ url, request } = next);
      }
    },
    close: () => agent.destroy(),
  };
}

class EgressRefusedError extends Error {
  readonly code = "ORKA_EGRESS_REFUSED";
}

/** Opens sockets only to addresses the policy allows. */
function guardedConnector(policy: EgressPolicy): buildConnector.connector {
  const connect = buildConnector({ lookup: guardedLookup(policy) });
  return (options, callback) => {
    // net.connect does not look up an IP literal: check it here.
    if (net.isIP(options.hostname)) {
      const { allowed, kind } = checkEgress(policy, options.hostname, options.hostname);
      if (!allowed) return process.nextTick(callback, new EgressRefusedError(`refused ${options.hostname} (${kind})`), null);
    }
    connect(options, callback);
  };
}

function guardedLookup(policy: EgressPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const allowed = addresses.filter((entry) => checkEgress(policy, hostname, entry.address).allowed);
      if (allowed.length === 0) {
        const refused = addresses.map((entry) => `${entry.address} (${checkEgress(policy, hostname, entry.address).kind})`).join(", ");
        return callback(new EgressRefusedError(`refused ${refused || "no address"}`), "");
      }
      if (options.all) callback(null, allowed);
      else callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** undici rejects with `TypeError("fetch failed", { cause })` when no response came. */
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && error.message === "fetch failed";
}

function describeCause(cause: (NodeJS.ErrnoException & { address?: string; port?: number }) | undefined): string {
  if (cause instanceof EgressRefusedError) return `${cause.message}, not in the allow list`;
  const where = cause?.address ? ` ${cause.address}${cause.port ? `:${cause.port}` : ""}` : "";
  // Without a code it is one of fetch's own fixed texts ("bad port" for a port fetch never calls).
  return `${cause?.code ?? cause?.message ?? "unknown error"}${where}`;
}
