import { z } from "zod";

export const workflowIdSchema = z.string().min(1).max(100);

/** Names and namespaces are snake_case like the examples, so they read the same in the CLI and the canvas. */
const identifierSchema = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(100, `${what} is at most 100 characters`)
    .regex(/^[a-z][a-z0-9_]*$/, `${what} is lowercase letters, digits and _, starting with a letter (like order_sync)`);

export const workflowNameSchema = identifierSchema("name");
export const workflowNamespaceSchema = identifierSchema("namespace");
export const descriptionSchema = z.string().max(2000);

/** The draft revision the client last saw: writes are refused when the stored one has moved on. */
export const baseRevisionSchema = z.number().int().min(0);
