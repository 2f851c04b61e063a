"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";
import { JsonBlock } from "../run-view/json-block";
import { exchangeOf, readableBody, type RecordedExchange } from "./http-exchange";

interface StepDataViewProps {
  runId: string;
  stepId: string;
}

/**
 * What a step of a run received (run input, outputs of the steps before it), its config, and for an
 * http step the request it sent and the response it got — a failed one too. Secret values are
 * redacted on the server before any of this is stored. Mount it again (a `key`) when the step moves
 * on: it reads the step once per mount.
 */
export function StepDataView({ runId, stepId }: StepDataViewProps) {
  const trpc = useTRPC();
  const data = useQuery({ ...trpc.runs.stepData.queryOptions({ runId, stepId }), staleTime: 0 });
  if (data.isPending) return <p className="text-xs text-slate-500">Loading step data…</p>;
  if (data.isError) return <p role="alert" className="text-xs text-rose-700">Could not load the step data: {data.error.message}</p>;
  const exchange = exchangeOf(data.data.detail);
  return (
    <section aria-label="Step data" className="flex flex-col gap-3">
      {data.data.detail?.pinned === true && <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">This test run used the step’s pinned data instead of running it.</p>}
      <JsonBlock label="Received" value={data.data.received} />
      <JsonBlock label="Config" value={data.data.config} />
      {exchange && <HttpExchange exchange={exchange} />}
    </section>
  );
}

function HttpExchange({ exchange }: { exchange: RecordedExchange }) {
  const { request, response } = exchange;
  return (
    <>
      <section aria-label="Request sent" className="flex flex-col gap-1">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Request sent</h3>
        <p className="font-mono text-xs break-all text-slate-800">
          {request.method} {request.url}
        </p>
        <Headers headers={request.headers} label="Request headers" />
        {request.body !== undefined && <Body text={request.body} truncated={request.bodyTruncated} label="Request body" />}
      </section>
      <section aria-label="Response" className="flex flex-col gap-1">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Response</h3>
        {response ? (
          <>
            <p className={`text-xs font-medium ${response.status >= 400 ? "text-rose-700" : "text-emerald-700"}`}>Status {response.status}</p>
            <Headers headers={response.headers} label="Response headers" />
            <Body text={response.body} truncated={response.bodyTruncated} label="Response body" bytes={response.bodyBytes} />
          </>
        ) : (
          <p className="text-xs text-slate-500">No response: the request did not get one.</p>
        )}
      </section>
    </>
  );
}

function Headers({ headers, label }: { headers: Record<string, string>; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-[auto_1fr] gap-x-2 font-mono text-[11px] text-slate-700">
      {Object.entries(headers).map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-500">{name}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Body({ text, truncated, label, bytes }: { text: string; truncated?: boolean; label: string; bytes?: number }) {
  return (
    <div>
      <pre aria-label={label} className="max-h-48 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs text-slate-800">
        {text === "" ? "(empty)" : readableBody(text)}
      </pre>
      {truncated && <p className="text-[11px] text-amber-800">Truncated: the first 64 KB of {bytes === undefined ? "the body" : `${bytes.toLocaleString("en-US")} bytes`}.</p>}
    </div>
  );
}
