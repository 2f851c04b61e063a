"use client";
import { createAuthClient } from "better-auth/client";

/** better-auth's browser client, on this page's own origin (/api/auth). */
export const authClient = createAuthClient();
