import { describe, expect, it } from "vitest";
import { queuedPasswordHashing, takingTurns } from "./password-hashing";

describe("takingTurns", () => {
  it("runs at most `limit` at once, the rest in arrival order, and a failure frees its slot", async () => {
    const inTurn = takingTurns(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const job = (index: number, fail = false) =>
      inTurn(async () => {
        running++;
        most = Math.max(most, running);
        order.push(index);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (fail) throw new Error(`job ${index} failed`);
        return index;
      });
    const jobs = [job(0, true), job(1), job(2), job(3), job(4)];
    const settled = Promise.allSettled(jobs);
    for (let released = 0; released < 5; released++) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()!();
    }
    const results = await settled;
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
  });
});

describe("queuedPasswordHashing", () => {
  it("hashes in better-auth's format and verifies only the right password", async () => {
    const hashing = queuedPasswordHashing(1);
    const [first, second] = await Promise.all([hashing.hash("correct horse battery"), hashing.hash("correct horse battery")]);
    expect(first).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(first).not.toBe(second); // salted
    expect(await hashing.verify({ hash: first!, password: "correct horse battery" })).toBe(true);
    expect(await hashing.verify({ hash: first!, password: "wrong horse battery" })).toBe(false);
  });
});
