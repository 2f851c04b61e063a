import { expect, it } from "vitest";
import { fieldLabel } from "./field-labels";

it.each([
  ["url", "URL"],
  ["ms", "Milliseconds"],
  ["maxConcurrency", "Max concurrency"],
  ["expression", "Expression"],
  ["until", "Until"],
  ["someNewField", "Some new field"],
])("labels %s as %s", (key, label) => expect(fieldLabel(key)).toBe(label));
