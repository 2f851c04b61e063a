import { describe, expect, it } from "vitest";
import type { StepContext } from "../handler";
import type { HttpRequest } from "./guarded-fetch";
import { httpHandler } from "./run";
import { httpConfigSchema } from "./spec";

const runHttp = httpHandler.run;

const token = "tok-7f3a9c";

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A handler context around `config` whose fetch answers with `respond` and whose team has `TOKEN` and `OTHER`. */
function contextFor(config: unknown, respond: (sent: Sent) => Response | Promise<Response>) {
  const asked: string[][] = [];
  const sent: Sent[] = [];
  const recorded: Record<string, unknown>[] = [];
  const ctx = {
    runId: "r1",
    teamId: "t1",
    config: httpConfigSchema.parse(config),
    attempt: 1,
    idempotencyKey: "r1:call:1",
    traceparent: () => "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    scope: { input: { id: 7 }, steps: {}, vars: {}, run: { id: "r1" } },
    signal: new AbortController().signal,
    async secrets(names: readonly string[]) {
      asked.push([...names]);
      return Object.fromEntries(names.map((name) => [name, name === "TOKEN" ? token : `value-of-${name}`]));
    },
    async fetch(url: string, request: HttpRequest) {
      const one = { url, headers: request.headers, body: request.body };
      sent.push(one);
      return respond(one);
    },
    recordDetail: (detail: Record<string, unknown>) => void recorded.push(detail),
  } as unknown as StepContext<never>;
  return { ctx, asked, sent, recorded };
}

const echo = (sent: Sent) => Response.json({ got: sent.headers.authorization, url: sent.url }, { headers: { "x-echo": sent.headers.authorization ?? "" } });

describe("runHttp with $secrets", () => {
  it("resolves only the names the config reads, sends the values, and redacts them from the output", async () => {
    const { ctx, asked, sent } = contextFor({ url: "https://api.test/items/{{ $input.id }}", headers: { authorization: "Bearer {{ $secrets.TOKEN }}" } }, echo);
    const outcome = await runHttp(ctx);
    expect(asked).toEqual([["TOKEN"]]);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect(outcome).toMatchObject({
      type: "complete",
      output: { status: 200, headers: { "x-echo": "Bearer [secret TOKEN]" }, body: { got: "Bearer [secret TOKEN]", url: "https://api.test/items/7" } },
    });
    expect(JSON.stringify(outcome)).not.toContain(token);
  });

  it("puts secrets in the url and the JSON body too", async () => {
    const { ctx, sent } = contextFor({ method: "POST", url: "https://api.test/{{ $secrets.PATH }}", body: "{ 'key': $secrets.TOKEN }" }, () => new Response("ok"));
    await runHttp(ctx);
    expect(sent[0]).toMatchObject({ url: "https://api.test/value-of-PATH", body: JSON.stringify({ key: token }) });
  });

  it("redacts a secret from the error of a failed status, keeping its retry meaning", async () => {
    const { ctx } = contextFor({ url: `https://api.test/hook?key={{ $secrets.TOKEN }}` }, () => new Response("no", { status: 503 }));
    await expect(runHttp(ctx)).rejects.toMatchObject({ kind: "transient", message: "HTTP 503 from https://api.test/hook?key=[secret TOKEN]" });
    const denied = contextFor({ url: `https://api.test/hook?key={{ $secrets.TOKEN }}` }, () => new Response("no", { status: 403 }));
    await expect(runHttp(denied.ctx)).rejects.toMatchObject({ kind: "permanent", message: "HTTP 403 from https://api.test/hook?key=[secret TOKEN]" });
  });

  it("redacts a secret from a network failure and from an invalid url before it is cut short", async () => {
    const { ctx } = contextFor({ url: "https://{{ $secrets.TOKEN }}.api.test/" }, () => {
      throw new TypeError("fetch failed", { cause: new Error(`getaddrinfo ENOTFOUND ${token}.api.test`) });
    });
    await expect(runHttp(ctx)).rejects.toMatchObject({ kind: "transient", message: "request to [secret TOKEN].api.test failed: fetch failed" });
    // The secret straddles the 200th character, where the message is cut.
    const invalid = contextFor({ url: `ftp://${"x".repeat(190)}/{{ $secrets.TOKEN }}` }, echo);
    const error = await runHttp(invalid.ctx).catch((thrown: Error) => thrown);
    expect(error).toMatchObject({ kind: "permanent", message: expect.stringMatching(/^url must start with http:\/\/ or https:\/\/, got "ftp:\/\/x+\/\[se"$/) });
    expect((error as Error).message).not.toContain(token.slice(0, 3));
  });

  it("asks for no secret when the config reads none", async () => {
    const { ctx, asked } = contextFor({ url: "https://api.test/{{ $input.id }}" }, () => new Response("ok"));
    await expect(runHttp(ctx)).resolves.toMatchObject({ output: { status: 200, body: "ok" } });
    expect(asked).toEqual([]);
  });
});

describe("runHttp records the exchange for the step data view", () => {
  it("keeps the request sent and a failed response's status, headers and body, with secret values redacted", async () => {
    const { ctx, recorded } = contextFor(
      { method: "POST", url: "https://api.test/pay?key={{ $secrets.TOKEN }}", headers: { authorization: "Bearer {{ $secrets.TOKEN }}" }, body: "{ 'id': $input.id, 'key': $secrets.TOKEN }" },
      () => new Response(`upstream down, your key ${token} was fine`, { status: 503, headers: { "retry-after": "1", "x-token": token } }),
    );
    await expect(runHttp(ctx)).rejects.toMatchObject({ kind: "transient" });
    const detail = recorded.at(-1);
    expect(detail).toEqual({
      request: {
        method: "POST",
        url: "https://api.test/pay?key=[secret TOKEN]",
        headers: { "idempotency-key": "r1:call:1", traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", authorization: "Bearer [secret TOKEN]", "content-type": "application/json" },
        body: JSON.stringify({ id: 7, key: "[secret TOKEN]" }),
      },
      response: {
        status: 503,
        headers: expect.objectContaining({ "retry-after": "1", "x-token": "[secret TOKEN]" }),
        body: "upstream down, your key [secret TOKEN] was fine",
        bodyBytes: expect.any(Number),
      },
    });
    expect(JSON.stringify(recorded)).not.toContain(token);
  });

  it("keeps the request when the network fails, and cuts a large body to 64 KB marked truncated", async () => {
    const failing = contextFor({ url: "https://api.test/x" }, () => Promise.reject(new Error("connect ECONNREFUSED")));
    await expect(runHttp(failing.ctx)).rejects.toMatchObject({ kind: "transient" });
    expect(failing.recorded.at(-1)).toEqual({ request: expect.objectContaining({ method: "GET", url: "https://api.test/x" }) });

    const large = contextFor({ url: "https://api.test/big" }, () => new Response("x".repeat(200_000)));
    await runHttp(large.ctx);
    const response = (large.recorded.at(-1) as { response: { body: string; bodyBytes: number; bodyTruncated?: boolean } }).response;
    expect(response).toMatchObject({ bodyBytes: 200_000, bodyTruncated: true });
    expect(response.body).toHaveLength(64 * 1024);
  });
});
