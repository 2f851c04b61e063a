import { describe, expect, it } from "vitest";
import { FairQueue, tenantShare } from "./fair-queue";

interface Job {
  tenant: string;
  name: string;
}

/** A queue holding `jobs` ("A1" is job 1 of tenant A), pushed in the order given. */
function queueOf(share: number, ...names: string[]) {
  const queue = new FairQueue<Job>(share);
  for (const name of names) queue.push({ tenant: name[0]!, name });
  return queue;
}

/** Takes up to `count` jobs (as if that many workers were free) and names them. */
function takeNames(queue: FairQueue<Job>, count: number): string[] {
  const names: string[] = [];
  while (names.length < count) {
    const job = queue.take();
    if (!job) break;
    names.push(job.name);
  }
  return names;
}

describe("FairQueue", () => {
  it("keeps FIFO order within a tenant", () => {
    const queue = queueOf(8, "A1", "A2", "A3");
    expect(takeNames(queue, 3)).toEqual(["A1", "A2", "A3"]);
  });

  it("serves waiting tenants round-robin, whatever order their jobs arrived in", () => {
    //  arrival: A1 A2 A3 B1 B2 C1      started: A1 B1 C1 A2 B2 A3
    const queue = queueOf(8, "A1", "A2", "A3", "B1", "B2", "C1");
    expect(takeNames(queue, 6)).toEqual(["A1", "B1", "C1", "A2", "B2", "A3"]);
  });

  it("lets no tenant hold more than its share of workers while its jobs wait", () => {
    const queue = queueOf(2, "A1", "A2", "A3", "A4");
    expect(takeNames(queue, 4)).toEqual(["A1", "A2"]);
    expect(queue.take()).toBeUndefined();
    expect([queue.size, queue.startable()]).toEqual([2, 0]);
    queue.release("A");
    expect(queue.startable()).toBe(1);
    expect(queue.take()?.name).toBe("A3");
  });

  it("starts a newcomer before the queued jobs of a tenant that holds workers", () => {
    // A floods: A1 and A2 run (its share), A3..A5 wait. B arrives later, C after it.
    const queue = queueOf(2, "A1", "A2", "A3", "A4", "A5");
    expect(takeNames(queue, 2)).toEqual(["A1", "A2"]);
    queue.push({ tenant: "B", name: "B1" });
    queue.push({ tenant: "C", name: "C1" });
    expect(takeNames(queue, 1)).toEqual(["B1"]); // the worker A could not take
    queue.release("A"); // A1 ends: A holds 1, B 1, C 0
    expect(takeNames(queue, 1)).toEqual(["C1"]);
    queue.release("A"); // A2 ends: A holds 0
    expect(takeNames(queue, 2)).toEqual(["A3", "A4"]);
  });

  it("serves a tenant that came while another one's job ran before that tenant's next job, among equals", () => {
    // One worker: A floods, B arrives while A1 runs. A1 ends: both hold none, and B's turn is next.
    const queue = queueOf(1, "A1", "A2", "A3");
    expect(takeNames(queue, 1)).toEqual(["A1"]);
    queue.push({ tenant: "B", name: "B1" });
    queue.release("A");
    expect(takeNames(queue, 1)).toEqual(["B1"]);
    queue.release("B");
    expect(takeNames(queue, 1)).toEqual(["A2"]);
  });

  it("forgets a removed job and drains the rest", () => {
    const [a1, b1, a2] = ["A1", "B1", "A2"].map((name) => ({ tenant: name[0]!, name }));
    const queue = new FairQueue<Job>(8);
    for (const job of [a1!, b1!, a2!]) queue.push(job);
    expect(queue.remove(b1!)).toBe(true);
    expect(queue.remove(b1!)).toBe(false);
    expect(queue.take()).toBe(a1);
    expect(queue.remove(a1!)).toBe(false); // taken: no longer waiting
    expect(queue.drain()).toEqual([a2]);
    expect([queue.size, queue.take()]).toEqual([0, undefined]);
  });
});

describe("tenantShare", () => {
  it("keeps one worker out of any single tenant's reach when there is more than one", () => {
    expect([1, 2, 3, 8].map(tenantShare)).toEqual([1, 1, 2, 7]);
  });
});
