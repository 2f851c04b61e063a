import { compositionLimitsFromEnv } from "./composition-env";
import { httpEgressFromEnv } from "./http-egress-env";
import { leaseSettingsFromEnv } from "./lease-env";
import { workerCountsFromEnv } from "./worker-counts-env";

/**
 * Every engine setting an installation makes through its environment, read the same way by the
 * server, `orka run`/`resume` and `npm start`'s check before serving (a bad value stops the start,
 * naming the variable): `ORKA_HTTP_ALLOW`, `ORKA_CODE_WORKERS`, `ORKA_EXPRESSION_WORKERS`,
 * `ORKA_MAX_NESTING_DEPTH`, `ORKA_MAX_RUNS_PER_TREE`, `ORKA_LEASE_MS` (`ORKA_SHUTDOWN_MS` is the
 * caller's: `leaseSettingsFromEnv`).
 */
export function engineOptionsFromEnv(env: Record<string, string | undefined> = process.env) {
  return {
    httpEgress: httpEgressFromEnv(env),
    ...workerCountsFromEnv(env),
    ...compositionLimitsFromEnv(env),
    leases: { leaseMs: leaseSettingsFromEnv(env).leaseMs },
  };
}
