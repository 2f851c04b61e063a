import { randomBytes } from "node:crypto";
import { mergeCookies, request, type HttpAnswer, type RequestOptions } from "./http";

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** The first person on a fresh live server: the owner of "My team". */
export const liveOwner: Person = { name: "Live Owner", email: "owner@live.test", password: "live owner password" };

export type TrpcKind = "mutation" | "query";

interface Server {
  url: string;
}

/** A signed-in person on a live server: tRPC calls with their session cookie, as the browser makes them. */
export class LiveSession {
  constructor(
    readonly server: Server,
    readonly cookie: string,
    readonly person: Person,
  ) {}

  /** The procedure's answer; a tRPC error is thrown with its code and message. */
  async trpc<T>(path: string, input?: unknown, kind: TrpcKind = "mutation"): Promise<T> {
    const answer = await this.trpcAnswer<T>(path, input, kind);
    if (answer.error) throw new Error(`${path}: ${answer.status} ${answer.error.code} ${answer.error.message}`);
    return answer.data as T;
  }

  /** The whole answer, for tests that expect a refusal. */
  async trpcAnswer<T>(path: string, input?: unknown, kind: TrpcKind = "mutation"): Promise<{ status: number; data?: T; error?: { code: string; message: string } }> {
    const { url } = this.server;
    const options: RequestOptions = { headers: { cookie: this.cookie, origin: url } };
    const answer =
      kind === "mutation"
        ? await request<TrpcBody<T>>(`${url}/api/trpc/${path}`, { ...options, method: "POST", body: { json: input } })
        : await request<TrpcBody<T>>(`${url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, options);
    const error = answer.body?.error?.json;
    if (error) return { status: answer.status, error: { code: error.data?.code ?? "UNKNOWN", message: error.message } };
    if (!answer.body?.result) throw new Error(`${path}: ${answer.status} is no tRPC answer: ${JSON.stringify(answer.body).slice(0, 500)}`);
    return { status: answer.status, data: answer.body.result.data.json };
  }

  /** A new workflow with `definition` (steps, edges, …) as its draft, published as version 1. */
  async publishWorkflow(definition: Record<string, unknown>, stem = "live"): Promise<string> {
    const name = `${stem}_${randomBytes(4).toString("hex")}`;
    const { id } = await this.trpc<{ id: string }>("workflows.create", { name });
    const draft = { format: "orka/v1", name, namespace: "default", ...definition };
    const saved = await this.trpc<{ draftRevision: number }>("workflows.saveDraft", { workflowId: id, baseRevision: 0, draft });
    await this.trpc("workflows.publish", { workflowId: id, baseRevision: saved.draftRevision });
    return id;
  }

  /** Starts a run of the latest published version through tRPC; returns its id. */
  async startRun(workflowId: string, input: unknown = {}): Promise<string> {
    return (await this.trpc<{ runId: string }>("runs.start", { workflowId, input })).runId;
  }

  /** The workflow's webhook path (`/api/hooks/<token>`), made or replaced. */
  async createWebhook(workflowId: string): Promise<string> {
    return (await this.trpc<{ urlPath: string }>("triggers.rotateWebhook", { workflowId })).urlPath;
  }

  /** A REST API key of the team (`orka_…`). */
  async createApiKey(name = "live test"): Promise<string> {
    return (await this.trpc<{ key: string }>("triggers.createApiKey", { name })).key;
  }

  /** A single-use invite token into the owner's team. */
  async createInvite(role: "owner" | "editor" | "viewer" = "editor"): Promise<string> {
    const { path } = await this.trpc<{ path: string }>("teams.invites.create", { role });
    return path.slice("/invite/".length);
  }
}

interface TrpcBody<T> {
  result?: { data: { json: T } };
  error?: { json: { message: string; data?: { code?: string } } };
}

interface AuthOptions {
  inviteToken?: string;
  /** The loopback address to send from (each address has its own sign-up and sign-in limits). */
  from?: string;
  headers?: Record<string, string>;
}

export type AuthAnswer = HttpAnswer<{ message?: string; code?: string } | null> & { session: LiveSession | null };

/** `POST /api/auth/sign-up/email` as the sign-up page sends it; `session` when it succeeded. */
export async function signUp(server: Server, person: Person, { inviteToken, from, headers = {} }: AuthOptions = {}): Promise<AuthAnswer> {
  const body = { ...person, ...(inviteToken ? { inviteToken } : {}) };
  return authPost(server, "/sign-up/email", body, person, { from, headers });
}

/** `POST /api/auth/sign-in/email`; `session` when it succeeded. */
export async function signIn(server: Server, person: Person, { from, headers = {} }: AuthOptions = {}): Promise<AuthAnswer> {
  return authPost(server, "/sign-in/email", { email: person.email, password: person.password }, person, { from, headers });
}

/** Signs up the first person (the owner) and returns their session; throws when refused. */
export async function signUpOwner(server: Server, person: Person = liveOwner): Promise<LiveSession> {
  const answer = await signUp(server, person);
  if (!answer.session) throw new Error(`sign-up of ${person.email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.session;
}

async function authPost(server: Server, path: string, body: unknown, person: Person, { from, headers }: { from?: string; headers: Record<string, string> }): Promise<AuthAnswer> {
  const answer = await request<{ message?: string; code?: string } | null>(`${server.url}/api/auth${path}`, { method: "POST", body, from, headers: { origin: server.url, ...headers } });
  const cookie = mergeCookies("", answer.headers);
  return { ...answer, session: answer.status === 200 && cookie ? new LiveSession(server, cookie, person) : null };
}

type StartAnswer = HttpAnswer<{ runId?: string; error?: { code: string; message: string } }>;

/** `POST /api/v1/workflows/{id}/runs` with a team API key (and `headers`, e.g. an `Idempotency-Key`). */
export function startRunOverRest(server: Server, apiKey: string, workflowId: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<StartAnswer> {
  return request(`${server.url}/api/v1/workflows/${workflowId}/runs`, { method: "POST", body: { input }, headers: { authorization: `Bearer ${apiKey}`, ...headers } });
}

/** `POST /api/hooks/<token>` with `input` as the JSON body (and `headers`, e.g. an `Idempotency-Key`). */
export function callWebhook(server: Server, urlPath: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<StartAnswer> {
  return request(`${server.url}${urlPath}`, { method: "POST", body: input, headers });
}
