"use client";
import { Panel, useConnection } from "@xyflow/react";
import { useStore } from "zustand";
import { checkConnection } from "./connection-rules";
import { useDesigner } from "./designer/designer-context";

/** While a connection is dragged over a step, says why it would be refused (React Flow only greys it out). */
export function ConnectionHint() {
  const { store } = useDesigner();
  const definition = useStore(store, (state) => state.definition);
  const candidate = useConnection((connection) => {
    if (!connection.inProgress || !connection.toNode) return null;
    const fromSource = connection.fromHandle.type !== "target";
    return fromSource
      ? { source: connection.fromNode.id, target: connection.toNode.id, sourceHandle: connection.fromHandle.id }
      : { source: connection.toNode.id, target: connection.fromNode.id, sourceHandle: connection.toHandle?.id };
  });
  if (!candidate) return null;
  const verdict = checkConnection(definition, candidate);
  if (verdict.ok) return null;
  return (
    <Panel position="top-center">
      <p role="status" className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white shadow">
        Can’t connect: {verdict.reason}
      </p>
    </Panel>
  );
}
