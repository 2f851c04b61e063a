import { describe, expect, it } from "vitest";
import { EngineActionError, ValidationError } from "@/engine";
import { InviteLinkError } from "@/server/teams/invite-errors";
import { issuesOf, toTRPCError } from "./errors";

// Next bundles the engine host apart from the routes: errors the host's engine throws come from a
// second copy of the engine's modules. A query string makes Vite load such a second copy.
const secondCopy = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ `${specifier}?second-copy`);
const copy = {
  issues: (await secondCopy("@/engine/definition/issues")) as typeof import("@/engine/definition/issues"),
  errorsApi: (await secondCopy("@/engine/errors-api")) as typeof import("@/engine/errors-api"),
};

describe("toTRPCError", () => {
  it("maps a ValidationError from another copy of the engine to BAD_REQUEST with its issues", () => {
    const error = new copy.issues.ValidationError([{ path: "input.email", message: "must match pattern" }], "invalid input");
    expect(copy.issues.ValidationError).not.toBe(ValidationError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(toTRPCError(error)).toMatchObject({ code: "BAD_REQUEST", message: "invalid input: input.email: must match pattern" });
    expect(issuesOf(error)).toEqual([{ path: "input.email", message: "must match pattern" }]);
  });

  it("maps an EngineActionError from another copy of the engine to its code", () => {
    expect(toTRPCError(new copy.errorsApi.EngineActionError("NOT_FOUND", "run r1 not found"))).toMatchObject({ code: "NOT_FOUND", message: "run r1 not found" });
  });

  it("keeps the ordinary check for subclasses, and refuses look-alikes", () => {
    expect(new ValidationError([])).not.toBeInstanceOf(InviteLinkError);
    expect(Object.assign(new Error("x"), { name: "ValidationError", issues: [] })).not.toBeInstanceOf(ValidationError);
    expect(new EngineActionError("CONFLICT", "x")).not.toBeInstanceOf(ValidationError);
    expect(toTRPCError(new Error("boom"))).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "internal error" });
  });
});
