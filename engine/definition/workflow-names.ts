import { z } from "zod";

/**
 * Names and namespaces of saved workflows are snake_case like the examples, so they read the same in
 * the CLI and the canvas. The server's inputs and the browser's forms check with these same schemas.
 */
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
