"use client";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState, type ReactElement } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { FormatChoice } from "./format-choice";

type ExportFormat = "json" | "yaml";
const mediaTypes: Record<ExportFormat, string> = { json: "application/json", yaml: "application/yaml" };

/** The saved draft as `<namespace>.<name>.orka.json|yaml`: previewed, downloaded or copied. */
export function ExportPanel({ workflowId }: { workflowId: string }): ReactElement {
  const trpc = useTRPC();
  const [format, setFormat] = useState<ExportFormat>("json");
  const [status, setStatus] = useState("");
  // Mounted on each opening of the dialog, so the export is fetched again and reflects the last save.
  const exported = useQuery(trpc.workflows.export.queryOptions({ workflowId, format }));
  const container = useRef<HTMLDivElement>(null);

  const download = () => {
    if (!exported.data || !container.current) return;
    const url = URL.createObjectURL(new Blob([exported.data.text], { type: mediaTypes[format] }));
    const link = document.createElement("a");
    link.href = url;
    link.download = exported.data.filename;
    // Inside the modal dialog: outside it the page is inert.
    container.current.append(link);
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setStatus(`Downloaded ${exported.data.filename}`);
  };
  const copy = async () => {
    if (!exported.data) return;
    try {
      await navigator.clipboard.writeText(exported.data.text);
      setStatus("Copied to the clipboard");
    } catch {
      setStatus("Copying was not allowed: select the text below and copy it");
    }
  };

  return (
    <div ref={container} className="flex flex-col gap-3">
      <p className="text-slate-600">Exports the last saved draft. The JSON file imports back unchanged.</p>
      <FormatChoice
        legend="Export format"
        value={format}
        options={[
          ["json", "JSON"],
          ["yaml", "YAML"],
        ]}
        onChange={(next) => {
          setFormat(next);
          setStatus("");
        }}
      />
      {exported.isError ? (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-rose-800">
          The export failed: {exported.error.message}
        </p>
      ) : (
        <textarea
          readOnly
          aria-label="Exported definition"
          value={exported.data?.text ?? "Loading…"}
          rows={12}
          className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs text-slate-800"
        />
      )}
      <div className="flex items-center gap-2">
        <Button variant="primary" disabled={!exported.data} onClick={download}>
          Download
        </Button>
        <Button disabled={!exported.data} onClick={() => void copy()}>
          Copy
        </Button>
        <p role="status" className="text-xs text-slate-500">
          {status}
        </p>
      </div>
    </div>
  );
}
