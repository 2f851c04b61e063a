"use client";
import Link from "next/link";
import type { ReactElement } from "react";
import { CodeExample } from "@/components/settings/one-time-secret";
import { useOrigin } from "@/components/settings/use-origin";
import { restCurlExample, startRunPath } from "./trigger-examples";
import { TriggerSection } from "./trigger-section";

const linkStyle = "font-medium text-indigo-700 underline-offset-2 hover:underline";

/** How to start this workflow from a script: the endpoint, where keys are made, the OpenAPI document. */
export function RestApiSection({ workflowId }: { workflowId: string }): ReactElement {
  const origin = useOrigin();
  return (
    <TriggerSection title="REST API" description="Scripts and other services start and read runs with a team API key.">
      <p className="text-xs text-slate-700">
        Start a run with <code className="rounded bg-slate-100 px-1 font-mono break-all">POST {startRunPath(workflowId)}</code> and the body{" "}
        <code className="rounded bg-slate-100 px-1 font-mono">{'{ "input": … }'}</code>; read it with{" "}
        <code className="rounded bg-slate-100 px-1 font-mono">GET /api/v1/runs/&lt;runId&gt;</code>.
      </p>
      <CodeExample label="Start a run with an API key" code={restCurlExample(origin, workflowId)} />
      <ul className="flex flex-col gap-1 text-xs">
        <li>
          <Link href="/settings/api-keys" className={linkStyle}>
            Manage API keys
          </Link>
        </li>
        <li>
          <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className={linkStyle}>
            OpenAPI document
          </a>
        </li>
      </ul>
    </TriggerSection>
  );
}
