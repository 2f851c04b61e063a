import { afterEach, describe, expect, it, vi } from "vitest";

const key = Symbol.for("orka.nativeDate");

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[key];
  vi.resetModules();
});

describe("systemNow", () => {
  it("reads the clock through the constructor kept before the global Date was wrapped", async () => {
    class Kept extends Date {}
    (globalThis as Record<symbol, unknown>)[key] = Kept;
    vi.resetModules();
    const { systemNow, systemNowMs } = await import("./system-clock");
    const before = Date.now();
    const now = systemNow();
    expect(now).toBeInstanceOf(Kept);
    expect(now).toBeInstanceOf(Date);
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(systemNowMs()).toBeGreaterThanOrEqual(now.getTime());
  });

  it("uses the global Date when nothing was kept", async () => {
    vi.resetModules();
    const { systemNow } = await import("./system-clock");
    expect(Object.getPrototypeOf(systemNow())).toBe(Date.prototype);
  });
});
