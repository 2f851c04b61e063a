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

/** How each example appears in the template gallery, where the seed publishes it as a public built-in template. */
export interface ExampleTemplate {
  title: string;
  description: string;
  tags: readonly string[];
}

export const exampleTemplates = {
  "user-onboarding": {
    title: "User onboarding with plan-based provisioning",
    description:
      "Plans a new user's provisioning, then a condition provisions a pro or a free workspace depending on the plan, and a welcome is sent. Run it with { email, plan: \"free\" | \"pro\", seats }.",
    tags: ["onboarding", "sales", "notifications"],
  },
  checkout: {
    title: "E-commerce checkout with VIP payment routing",
    description:
      "A switch routes the payment to a gateway by customer tier (VIP, gold or standard); each gateway step retries transient errors with exponential backoff before the order is confirmed.",
    tags: ["e-commerce", "payments", "finance"],
  },
  etl: {
    title: "ETL: extract, transform (map), load",
    description: "Extracts records, transforms each one in a child run with a map step (four at a time) and loads the totals.",
    tags: ["etl", "data"],
  },
  "incident-response": {
    title: "Incident response with a human approval",
    description:
      "Triages an incident, then waits for an operator to approve paging the on-call engineer; a rejection only logs it. Approve or reject the waiting step from the run view.",
    tags: ["incident", "approval", "devops", "support"],
  },
  "fan-out-report": {
    title: "Fan-out / fan-in report",
    description: "Gathers four metrics in parallel branches and joins them into one report once every branch has finished.",
    tags: ["reporting", "data"],
  },
} satisfies Record<ExampleKey, ExampleTemplate>;
