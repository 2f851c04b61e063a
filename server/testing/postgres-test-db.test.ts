import { afterEach, describe, expect, it, vi } from "vitest";
import { freePort } from "@/scripts/lib/free-port.mjs";
import { createPostgresTestDatabase } from "./postgres-test-db";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function pointAtNoServer(ci: string | undefined) {
  vi.stubEnv("DATABASE_URL_PG", `postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
  vi.stubEnv("CI", ci);
  return vi.spyOn(console, "warn").mockImplementation(() => undefined);
}

describe("createPostgresTestDatabase without a server", () => {
  it("skips with the reason printed outside CI", async () => {
    const warn = await pointAtNoServer(undefined);
    await expect(createPostgresTestDatabase()).resolves.toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Skipping PostgreSQL tests: no server answered at postgres:\/\/postgres@127\.0\.0\.1:\d+/));
  });

  it("treats CI=false as outside CI", async () => {
    await pointAtNoServer("false");
    await expect(createPostgresTestDatabase()).resolves.toBeNull();
  });

  it("fails in CI instead of skipping", async () => {
    const warn = await pointAtNoServer("true");
    await expect(createPostgresTestDatabase()).rejects.toThrow(/^PostgreSQL tests cannot be skipped in CI: no server answered at .* set DATABASE_URL_PG\.$/);
    expect(warn).not.toHaveBeenCalled();
  });
});
