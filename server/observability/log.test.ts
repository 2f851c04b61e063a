import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { engineLogger, logOptions } from "./log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  });
  return { log: pino(logOptions(), stream), lines };
}

describe("the server's structured log", () => {
  it("writes one JSON object per message with the ids a message is about, an error with its stack", () => {
    const { log, lines } = capture();
    const logger = engineLogger(log);
    logger.warn("an event delivery failed", { runId: "run-1", stepId: "fetch", attempt: 2 });
    logger.error("commit failed", new Error("disk full"));
    expect(lines[0]).toMatchObject({ level: 40, msg: "an event delivery failed", runId: "run-1", stepId: "fetch", attempt: 2, service: "orka" });
    expect(lines[1]).toMatchObject({ level: 50, msg: "commit failed", err: { message: "disk full", stack: expect.stringContaining("Error: disk full") } });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("writes no value under a key that holds secrets", () => {
    const { log, lines } = capture();
    engineLogger(log).info("a request", { runId: "run-2", token: "orka_abc", headers: { authorization: "Bearer orka_abc" }, nested: { secret: "s3cret", password: "pw" } });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toMatch(/orka_abc|s3cret|"pw"/);
    expect(lines[0]).toMatchObject({ runId: "run-2", token: "[redacted]" });
  });
});
