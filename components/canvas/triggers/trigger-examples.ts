/** Shell-quotes one argument with single quotes (a `'` inside becomes `'\''`). */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** `curl` calls of a webhook: started in the background (202) and waited for (`?wait=true`, 200 with the output). */
export function webhookCurlExamples(url: string): { start: string; wait: string } {
  const call = (target: string) => `curl -X POST ${quote(target)} -H 'Content-Type: application/json' -d '{}'`;
  return { start: call(url), wait: call(`${url}${url.includes("?") ? "&" : "?"}wait=true`) };
}

/** The REST path that starts a run of a workflow's latest published version. */
export function startRunPath(workflowId: string): string {
  return `/api/v1/workflows/${encodeURIComponent(workflowId)}/runs`;
}

/** A `curl` call of the REST API with the key read from `$ORKA_API_KEY` (never a real key). */
export function restCurlExample(origin: string, workflowId: string): string {
  return `curl -X POST ${quote(`${origin}${startRunPath(workflowId)}`)} -H "Authorization: Bearer $ORKA_API_KEY" -H 'Content-Type: application/json' -d '{"input": {}}'`;
}
