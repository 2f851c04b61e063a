import { describe, expect, it } from "vitest";
import { AsyncLock } from "./async-lock";

describe("AsyncLock", () => {
  it("grants the lock in the order it was asked for, one holder at a time", async () => {
    const lock = new AsyncLock();
    const order: string[] = [];
    const first = await lock.acquire();
    const waiting = ["b", "c", "d"].map((name) => lock.run(async () => void order.push(name)));
    order.push("a");
    first();
    await Promise.all(waiting);
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  it("releases once however often the release is called", async () => {
    const lock = new AsyncLock();
    const release = await lock.acquire();
    const second = lock.acquire();
    const third = lock.acquire();
    release();
    release();
    const releaseSecond = await second;
    let thirdGranted = false;
    void third.then(() => (thirdGranted = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdGranted).toBe(false);
    releaseSecond();
    await third;
  });

  it("releases when the work throws", async () => {
    const lock = new AsyncLock();
    await expect(lock.run(async () => Promise.reject(new Error("work failed")))).rejects.toThrow("work failed");
    await expect(lock.run(async () => "next")).resolves.toBe("next");
  });
});
