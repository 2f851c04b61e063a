import { PermanentError } from "../errors";

/**
 * Reads a team's secrets for an `http` step about to run. The server decrypts them from the
 * database; the engine asks only for the names the step's config writes as `$secrets.NAME`.
 * Answers with the names it has (a missing name is simply absent); throws when it cannot read them.
 * Values must never be logged here: the engine redacts them from what the step returns, nothing else.
 *
 * @example
 * const values = await secrets.resolve("team_1", ["TOKEN"]); // { TOKEN: "s3cr3t" }
 */
export interface SecretResolver {
  resolve(teamId: string, names: readonly string[]): Promise<Record<string, string>>;
}

export const noSecretResolver: SecretResolver = {
  async resolve() {
    throw new PermanentError("secrets are not available here: this engine was started without a secret resolver");
  },
};

/**
 * Exactly `names` for the run's team, or a permanent error naming the first one that is not set.
 * A run without a team (the CLI's) has no secrets.
 */
export async function resolveSecrets(resolver: SecretResolver, teamId: string | null, names: readonly string[]): Promise<Record<string, string>> {
  if (names.length === 0) return {};
  if (teamId === null) throw new PermanentError(`secret ${names[0]} is not set: a run without a team has no secrets`);
  const found = await resolver.resolve(teamId, names);
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = Object.hasOwn(found, name) ? found[name] : undefined;
    if (typeof value !== "string") throw new PermanentError(`secret ${name} is not set for this team`);
    values[name] = value;
  }
  return values;
}
