import { describe, expect, it } from "vitest";
import { jsonataCompletions, templateCompletions } from "./jsonata-completions";

const names = { stepIds: ["fetch", "check_total"], varNames: ["customer"] };
const labels = (match: ReturnType<typeof jsonataCompletions>) => match?.options.map((option) => option.label);

describe("jsonataCompletions", () => {
  it("offers scope variables and built-ins after $", () => {
    const match = jsonataCompletions("1 + $s", names);
    expect(match?.from).toBe(4);
    expect(labels(match)).toEqual(expect.arrayContaining(["$input", "$steps", "$vars", "$run", "$sum", "$toMillis", "$fromMillis"]));
  });

  it("offers step ids after $steps.", () => {
    expect(jsonataCompletions("$steps.", names)).toMatchObject({ from: 7 });
    expect(labels(jsonataCompletions("$steps.", names))).toEqual(["fetch", "check_total"]);
    expect(jsonataCompletions("$steps.che", names)?.from).toBe(7);
  });

  it("offers output after a step id", () => {
    const match = jsonataCompletions("$steps.fetch.o", names);
    expect(match).toEqual({ from: 13, options: [{ label: "output", type: "property" }] });
  });

  it("offers variable names after $vars.", () => {
    expect(jsonataCompletions("$vars.cu", names)).toMatchObject({ from: 6, options: [{ label: "customer" }] });
  });

  it("offers nothing in the middle of a plain word unless asked", () => {
    expect(jsonataCompletions("$input.total", names)).toBeNull();
    expect(jsonataCompletions("foo", names)).toBeNull();
    expect(jsonataCompletions("1 + ", names)).toBeNull();
    expect(jsonataCompletions("1 + ", names, true)?.from).toBe(4);
  });
});

describe("templateCompletions", () => {
  it("completes inside an open {{ part, at offsets in the whole text", () => {
    const text = "https://x/{{ $steps.";
    expect(templateCompletions(text, names)).toMatchObject({ from: text.length, options: [{ label: "fetch" }, { label: "check_total" }] });
    expect(templateCompletions("a {{ $in", names)?.from).toBe(5);
  });

  it("does not complete in literal text", () => {
    expect(templateCompletions("price $", names)).toBeNull();
    expect(templateCompletions("{{ $input.a }} $", names)).toBeNull();
  });
});
