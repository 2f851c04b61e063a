// Event subscriptions across a crash of the real server (`next start`, SIGKILL): runs complete
// before and after the kill, deliveries are in flight when it lands. Afterwards the delivery log
// holds exactly one row per run's run.completed, every one delivered; the receiver has every
// event (by its stable id), and an event it received twice is flagged as retried in the log.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpOwner, startLiveServer, type LiveServer, type LiveSession } from "../testing/live-server";
import { verifyDelivery } from "./signature";

/** The receiver's own loopback address, the one ORKA_HTTP_ALLOW opens. */
const receiverAddress = "127.0.0.2";
const holdAnswerMs = 400;
const runsEach = 6;

describe("event subscriptions across a SIGKILL of the server", () => {
  let server: LiveServer;
  let owner: LiveSession;
  const received: { eventId: string; runId: string; body: string; signature: string }[] = [];
  let receiver: http.Server;

  beforeAll(async () => {
    receiver = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        const parsed = JSON.parse(body) as { id: string; run: { id: string } };
        received.push({ eventId: parsed.id, runId: parsed.run.id, body, signature: String(request.headers["orka-signature"]) });
        // Answered late: a kill lands while deliveries wait for their answer.
        setTimeout(() => response.writeHead(204).end(), holdAnswerMs);
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, receiverAddress, resolve));
    server = (await startLiveServer({ database: "sqlite", env: { ORKA_HTTP_ALLOW: receiverAddress } }))!;
    owner = await signUpOwner(server);
  });
  afterAll(async () => {
    await server?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("every run's run.completed is in the delivery log once and reaches the receiver, retried deliveries flagged", { timeout: 150_000 }, async () => {
    const url = `http://${receiverAddress}:${(receiver.address() as AddressInfo).port}/events`;
    const { secret } = await owner.trpc<{ secret: string }>("subscriptions.create", { url, events: ["run.completed"] });
    const quick = await owner.publishWorkflow({ steps: [{ id: "only", type: "noop" }] }, "quick");
    const delayed = await owner.publishWorkflow({ steps: [{ id: "wait", type: "delay", config: { ms: 1500 } }] }, "delayed");
    const runIds: string[] = [];
    for (let index = 0; index < runsEach; index++) runIds.push(await owner.startRun(quick), await owner.startRun(delayed));

    for (const deadline = Date.now() + 30_000; received.length < 2; await new Promise((resolve) => setTimeout(resolve, 20)))
      if (Date.now() > deadline) throw server.failure("no delivery arrived before the kill");
    await server.restart({ signal: "SIGKILL" });

    const delivered = () => server.database.number("SELECT count(*) FROM event_deliveries WHERE status = 'delivered'");
    for (const deadline = Date.now() + 90_000; (await delivered()) < runIds.length; await new Promise((resolve) => setTimeout(resolve, 200)))
      if (Date.now() > deadline) throw server.failure(`only ${await delivered()} of ${runIds.length} deliveries made after the restart`);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // nothing more arrives

    for (const runId of runIds) expect(await server.database.runStatus(runId)).toBe("completed");
    const log = await server.database.query<{ run_id: string; event_id: string; status: string; attempts: number }>(
      "SELECT run_id, event_id, status, attempts FROM event_deliveries ORDER BY run_id",
    );
    expect(log.map((row) => row.run_id)).toEqual([...runIds].sort());
    expect(new Set(log.map((row) => row.event_id)).size).toBe(runIds.length);
    expect(log.every((row) => row.status === "delivered")).toBe(true);

    const timesReceived = new Map<string, number>();
    for (const delivery of received) {
      timesReceived.set(delivery.eventId, (timesReceived.get(delivery.eventId) ?? 0) + 1);
      expect(verifyDelivery(secret, delivery.body, delivery.signature, { toleranceSeconds: 600 })).toBe(true);
    }
    expect([...timesReceived.keys()].sort()).toEqual(log.map((row) => row.event_id).sort());
    for (const row of log) if (timesReceived.get(row.event_id)! > 1) expect(Number(row.attempts), `${row.event_id} arrived twice`).toBeGreaterThan(1);
    console.log(`${received.length} requests for ${runIds.length} events; ${log.filter((row) => Number(row.attempts) > 1).length} deliveries retried after the kill`);
  });
});
