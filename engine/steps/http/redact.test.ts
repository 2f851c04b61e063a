import { describe, expect, it } from "vitest";
import { PermanentError, TimeoutError, TransientError } from "../../errors";
import { secretRedactor } from "./redact";

describe("secretRedactor", () => {
  it("replaces secrets in strings at any depth, in object keys too, and leaves the rest alone", () => {
    const redact = secretRedactor({ TOKEN: "tok-123", KEY: "k_456" });
    const output = { status: 200, headers: { "x-echo": "Bearer tok-123" }, body: { list: ["k_456", 7, null, true], "tok-123": "again tok-123tok-123" } };
    expect(redact.value(output)).toEqual({
      status: 200,
      headers: { "x-echo": "Bearer [secret TOKEN]" },
      body: { list: ["[secret KEY]", 7, null, true], "[secret TOKEN]": "again [secret TOKEN][secret TOKEN]" },
    });
  });

  it("replaces the longest value first, so a secret containing another is replaced whole", () => {
    const redact = secretRedactor({ SHORT: "abc", LONG: "xxabcxx" });
    expect(redact.text("xxabcxx and abc")).toBe("[secret LONG] and [secret SHORT]");
  });

  it("matches the URL-encoded and JSON-escaped forms of a value", () => {
    const redact = secretRedactor({ PASS: 'p@ss w/"q"' });
    expect(redact.text(`GET /?p=${encodeURIComponent('p@ss w/"q"')}`)).toBe("GET /?p=[secret PASS]");
    expect(redact.text(JSON.stringify({ echo: 'p@ss w/"q"' }))).toBe('{"echo":"[secret PASS]"}');
  });

  it("keeps an error's retry meaning and replaces the secret in its message", () => {
    const redact = secretRedactor({ TOKEN: "tok-123" });
    expect(redact.error(new TransientError("HTTP 500 from https://x.test/?t=tok-123"))).toMatchObject({ kind: "transient", message: "HTTP 500 from https://x.test/?t=[secret TOKEN]" });
    expect(redact.error(new PermanentError("HTTP 404 from https://x.test/tok-123"))).toMatchObject({ kind: "permanent", message: "HTTP 404 from https://x.test/[secret TOKEN]" });
    expect(redact.error(new TimeoutError("late"))).toMatchObject({ kind: "timeout", message: "late" });
    expect(redact.error(new TypeError('Headers.append: "Bearer tok-123\n" is an invalid header value.'))).toMatchObject({
      kind: "transient",
      message: 'Headers.append: "Bearer [secret TOKEN]\n" is an invalid header value.',
    });
    expect(redact.error("tok-123")).toMatchObject({ kind: "transient", message: "non-Error thrown: [secret TOKEN]" });
  });

  it("changes nothing without secrets", () => {
    const output = { body: "anything" };
    expect(secretRedactor({}).value(output)).toBe(output);
  });
});
