import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftSaver, type SaveState } from "./draft-saver";

class Conflict extends Error {}

/** A server holding one draft with a revision, that can be told to fail the next saves. */
function fakeServer() {
  const server = {
    revision: 0,
    stored: null as string | null,
    calls: [] as { draft: string; base: number; force: boolean }[],
    failNext: 0,
    async save(draft: string, base: number, force: boolean): Promise<number> {
      server.calls.push({ draft, base, force });
      await Promise.resolve();
      if (server.failNext > 0) {
        server.failNext -= 1;
        throw new Error("Failed to fetch");
      }
      if (!force && base !== server.revision) throw new Conflict("changed by Ada at 10:00 — reload or overwrite");
      server.stored = draft;
      return ++server.revision;
    },
  };
  return server;
}

function setup(server = fakeServer()) {
  const states: SaveState[] = [];
  const saver = new DraftSaver<string>({
    save: server.save,
    conflictMessage: (error) => (error instanceof Conflict ? error.message : null),
    revision: server.revision,
    onState: (state) => states.push(state),
    debounceMs: 500,
  });
  return { server, saver, states, last: () => states.at(-1)?.kind };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("DraftSaver", () => {
  it("saves once after a pause in editing, with the newest draft", async () => {
    const { server, saver, last } = setup();
    saver.change("a");
    await vi.advanceTimersByTimeAsync(300);
    saver.change("ab");
    await vi.advanceTimersByTimeAsync(300);
    expect(server.calls).toHaveLength(0);
    expect(last()).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(300);
    expect(server.calls.map((call) => call.draft)).toEqual(["ab"]);
    expect(server.stored).toBe("ab");
    expect(last()).toBe("saved");
    expect(saver.revision).toBe(1);
  });

  it("an edit made while a save is in flight is saved next, on the new revision", async () => {
    const { server, saver } = setup();
    saver.change("a");
    await vi.advanceTimersByTimeAsync(500);
    saver.change("ab");
    await vi.runAllTimersAsync();
    expect(server.calls.map((call) => [call.draft, call.base])).toEqual([["a", 0], ["ab", 1]]);
    expect(server.stored).toBe("ab");
    expect(saver.hasUnsavedChanges).toBe(false);
  });

  it("a network failure keeps the edit, warns, retries with backoff, and saves edits made meanwhile", async () => {
    const { server, saver, states, last } = setup();
    server.failNext = 2;
    saver.change("a");
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toBe("retrying");
    expect(states.at(-1)).toMatchObject({ message: "Failed to fetch" });
    saver.change("ab");
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls).toHaveLength(2);
    expect(last()).toBe("retrying");
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls.map((call) => call.draft)).toEqual(["a", "ab", "ab"]);
    expect(server.stored).toBe("ab");
    expect(last()).toBe("saved");
  });

  it("a conflict stops saving and keeps the draft until overwrite", async () => {
    const { server, saver, last } = setup();
    server.revision = 5; // someone else saved five times since this designer loaded
    saver.change("mine");
    await vi.advanceTimersByTimeAsync(500);
    expect(last()).toBe("conflict");
    saver.change("mine, more");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(1);
    await expect(saver.flush()).rejects.toThrow("reload or overwrite");
    await expect(saver.overwrite("mine, more")).resolves.toBe(6);
    expect(server.calls.at(-1)).toMatchObject({ draft: "mine, more", force: true });
    expect(last()).toBe("saved");
  });

  it("flush saves pending edits now and resolves the revision; rejects when offline", async () => {
    const { server, saver } = setup();
    saver.change("a");
    await expect(saver.flush()).resolves.toBe(1);
    expect(server.stored).toBe("a");
    server.failNext = 1;
    saver.change("b");
    await expect(saver.flush()).rejects.toThrow("could not be saved");
    expect(saver.hasUnsavedChanges).toBe(true);
  });
});
