import { describe, expect, it } from "vitest";
import { noSecretResolver, resolveSecrets, type SecretResolver } from "./secret-resolver";

function recording(values: Record<string, string>) {
  const calls: [string, string[]][] = [];
  const resolver: SecretResolver = {
    async resolve(teamId, names) {
      calls.push([teamId, [...names]]);
      return values;
    },
  };
  return { resolver, calls };
}

describe("resolveSecrets", () => {
  it("gives exactly the names asked for, even when the resolver answers with more", async () => {
    const { resolver, calls } = recording({ TOKEN: "t", OTHER: "o" });
    expect(await resolveSecrets(resolver, "team_1", ["TOKEN"])).toEqual({ TOKEN: "t" });
    expect(calls).toEqual([["team_1", ["TOKEN"]]]);
  });

  it("fails permanently, naming the secret but not any value, when one is not set for the team", async () => {
    const { resolver } = recording({ TOKEN: "t" });
    await expect(resolveSecrets(resolver, "team_1", ["TOKEN", "MISSING"])).rejects.toMatchObject({ kind: "permanent", message: "secret MISSING is not set for this team" });
    await expect(resolveSecrets(recording({ toString: "x" }).resolver, "team_1", ["toString"])).resolves.toEqual({ toString: "x" });
    await expect(resolveSecrets(recording({}).resolver, "team_1", ["constructor"])).rejects.toMatchObject({ kind: "permanent" });
  });

  it("has no secrets for a run without a team, and asks nobody when no name is needed", async () => {
    const { resolver, calls } = recording({ TOKEN: "t" });
    await expect(resolveSecrets(resolver, null, ["TOKEN"])).rejects.toMatchObject({ kind: "permanent", message: "secret TOKEN is not set: a run without a team has no secrets" });
    expect(await resolveSecrets(noSecretResolver, null, [])).toEqual({});
    expect(calls).toEqual([]);
  });

  it("fails permanently on an engine configured without a resolver", async () => {
    await expect(resolveSecrets(noSecretResolver, "team_1", ["TOKEN"])).rejects.toMatchObject({ kind: "permanent", message: expect.stringContaining("without a secret resolver") });
  });
});
