import { approvalHandler } from "./approval/run";
import { codeHandler } from "./code/run";
import { conditionHandler } from "./condition/run";
import { delayHandler } from "./delay/run";
import { failHandler } from "./fail/run";
import type { StepHandler } from "./handler";
import { httpHandler } from "./http/run";
import { mapHandler } from "./map/run";
import { noopHandler } from "./noop/run";
import type { StepConfig, StepType } from "./registry";
import { stopHandler } from "./stop/run";
import { subworkflowHandler } from "./subworkflow/run";
import { switchHandler } from "./switch/run";

/**
 * The handler of every built-in step type. `satisfies` makes a type without a handler, a handler
 * without a type, or a handler for another type's config a compile error.
 */
export const builtInStepHandlers = {
  noop: noopHandler,
  code: codeHandler,
  condition: conditionHandler,
  switch: switchHandler,
  http: httpHandler,
  delay: delayHandler,
  approval: approvalHandler,
  subworkflow: subworkflowHandler,
  map: mapHandler,
  fail: failHandler,
  stop: stopHandler,
} satisfies { [Type in StepType]: StepHandler<StepConfig<Type>> };
