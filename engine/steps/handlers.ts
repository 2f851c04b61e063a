import { runApproval } from "./approval/run";
import { runCode } from "./code/run";
import { runCondition } from "./condition/run";
import { runDelay } from "./delay/run";
import { runFail } from "./fail/run";
import type { StepHandler } from "./handler";
import { runHttp } from "./http/run";
import { runMap } from "./map/run";
import { runNoop } from "./noop/run";
import { runStop } from "./stop/run";
import { runSubworkflow } from "./subworkflow/run";
import { runSwitch } from "./switch/run";

export const stepHandlers: Record<string, StepHandler<never>> = {
  noop: runNoop,
  code: runCode,
  condition: runCondition,
  switch: runSwitch,
  http: runHttp,
  delay: runDelay,
  approval: runApproval,
  subworkflow: runSubworkflow,
  map: runMap,
  fail: runFail,
  stop: runStop,
};

/**
 * Steps that only evaluate expressions: no side effect, no time worth showing, so their `running`
 * transition is committed together with their result (one commit per step instead of two).
 */
export const instantStepTypes: ReadonlySet<string> = new Set(["noop", "condition", "switch", "fail", "stop"]);
