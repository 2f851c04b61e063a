import checkout from "./checkout.json" with { type: "json" };
import etl from "./etl.json" with { type: "json" };
import fanOutReport from "./fan-out-report.json" with { type: "json" };
import incidentResponse from "./incident-response.json" with { type: "json" };
import userOnboarding from "./user-onboarding.json" with { type: "json" };

/**
 * The built-in example workflows (orka/v1), by example key: the seed installs them in the
 * default team and tests run them. All run without network access; only `incident-response`
 * needs an operator (its approval step).
 */
export const exampleDefinitions = {
  "user-onboarding": userOnboarding,
  checkout,
  etl,
  "incident-response": incidentResponse,
  "fan-out-report": fanOutReport,
} satisfies Record<string, Record<string, unknown>>;

export type ExampleKey = keyof typeof exampleDefinitions;
