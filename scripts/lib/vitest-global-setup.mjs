// Vitest's globalSetup: generated files the tests run, made once before any test file starts.
import { ensureEvaluatorBundle } from "./evaluator-bundle.mjs";

export default async function setup() {
  await ensureEvaluatorBundle();
}
