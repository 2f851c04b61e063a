import { runApproval } from "./approval/run.js";
import { runCode } from "./code/run.js";
import { runCondition } from "./condition/run.js";
import { runDelay } from "./delay/run.js";
import { runFail } from "./fail/run.js";
import type { StepHandler } from "./handler.js";
import { runHttp } from "./http/run.js";
import { runMap } from "./map/run.js";
import { runNoop } from "./noop/run.js";
import { runStop } from "./stop/run.js";
import { runSubworkflow } from "./subworkflow/run.js";
import { runSwitch } from "./switch/run.js";

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
