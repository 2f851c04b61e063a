import { describe, expect, it } from "vitest";
import { enginePhase, onStopping, setEnginePhase, stoppingListenerCount } from "./engine-phase";

describe("onStopping", () => {
  it("calls the listeners registered when the shutdown begins, and no removed one; afterwards at once", () => {
    expect(enginePhase()).toBe("starting");
    const called: string[] = [];
    const before = stoppingListenerCount();
    const removeA = onStopping(() => called.push("a"));
    const removeB = onStopping(() => called.push("b"));
    expect(stoppingListenerCount()).toBe(before + 2);
    removeA();
    // What a request does once answered: nothing of it stays registered.
    expect(stoppingListenerCount()).toBe(before + 1);
    setEnginePhase("stopping");
    expect(called).toEqual(["b"]);
    removeB();
    expect(stoppingListenerCount()).toBe(before);
    onStopping(() => called.push("late"));
    expect(called).toEqual(["b", "late"]);
    expect(stoppingListenerCount()).toBe(before);
  });
});
