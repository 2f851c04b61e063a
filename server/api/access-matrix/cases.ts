import type { AccessCase } from "./access-case";
import { auditCases } from "./audit.cases";
import { breakersCases } from "./breakers.cases";
import { runsCases } from "./runs.cases";
import { secretsCases } from "./secrets.cases";
import { subscriptionsCases } from "./subscriptions.cases";
import { teamsCases } from "./teams.cases";
import { templatesCases } from "./templates.cases";
import { triggersCases } from "./triggers.cases";
import { workflowsCases } from "./workflows.cases";

/** Every router's cases: a new router adds its `<router>.cases.ts` here. */
export const accessCases: AccessCase[] = [...workflowsCases, ...runsCases, ...triggersCases, ...templatesCases, ...auditCases, ...teamsCases, ...secretsCases, ...breakersCases, ...subscriptionsCases];
