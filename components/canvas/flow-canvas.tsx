"use client";
import {
  applyEdgeChanges,
  applyNodeChanges,
  Controls,
  MiniMap,
  MarkerType,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnNodeDrag,
  type ReactFlowState,
  type Viewport,
  useReactFlow,
  useStore as useFlowStore,
  useStoreApi,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from "react";
import { useStore } from "zustand";
import { useInBrowser } from "@/components/ui/use-page-idle";
import type { Definition, ValidationIssue } from "@/engine/definition";
import { checkConnection } from "./connection-rules";
import { useDesigner } from "./designer/designer-context";
import { ConnectionHint } from "./connection-hint";
import { createFlowCache } from "./flow-cache";
import { reconcileEdges, reconcileNodes } from "./flow-reconcile";
import { detailZoom, StepNode } from "./nodes/step-node";
import { nodeBox } from "./overview/overview-geometry";
import { StepOverview } from "./overview/step-overview";
import { paletteDragType } from "./palette/palette";
import { paneCookieText, type PaneSize } from "./pane-size";
import { openingViewport, zoomToFitOptions } from "./readable-view";
import type { StepEdge, StepNode as StepNodeType } from "./to-flow";
import { useScreenToFlow } from "./use-canvas-geometry";

const nodeTypes = { step: StepNode };
const snapGrid: [number, number] = [20, 20];
// Without a GPU the minimap's SVG is repainted whole on every pan frame: past a few hundred steps
// that alone drops frames, so large workflows navigate with zoom-to-fit instead.
const miniMapStepLimit = 400;
const zoomedOutSelector = (state: ReactFlowState) => state.transform[2] < detailZoom;
// Past this many steps, zoomed out below detailZoom (steps are plain boxes there), the graph is drawn
// on one <canvas> (StepOverview) and React Flow mounts no step or edge: thousands of DOM boxes made
// every pan frame hit-test, lay out and repaint them all (bench:canvas, whole graph in view).
const overviewStepLimit = 200;
const noEdges: StepEdge[] = [];
const defaultEdgeOptions = { style: { strokeWidth: 1.5 }, markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };

/** The document drawn with React Flow. Drag positions live here until the drop: one drag, one undo entry. */
interface FlowCanvasProps {
  issues: readonly ValidationIssue[];
  /** Comparing versions (added/removed) or watching a run (taken/dead): each edge's status by edge id. */
  edgeStatus?: Readonly<Record<string, EdgeStatus>>;
  children?: ReactNode;
  /** Off where the canvas is small (the template page): the minimap would cover steps. */
  miniMap?: boolean;
  /**
   * The first view, worked out before rendering for the pane size the browser last reported
   * (`openingFlow`): the server draws it, and the canvas corrects it once it has measured the pane.
   * Without it the canvas measures its pane first and draws nothing on the server.
   */
  opening?: OpeningFlow;
}

/** What the canvas starts with: React Flow's nodes, edges and viewport for the document as it opens. */
export interface OpeningFlow {
  nodes: StepNodeType[];
  edges: StepEdge[];
  viewport: Viewport;
  pane: PaneSize;
  /** The flow cache that derived `nodes`: the canvas keeps deriving with it, so unchanged steps keep their objects. */
  derive: ReturnType<typeof createFlowCache>;
}

/**
 * The opening view of `definition` on a pane of `pane`'s size, the same on the server and in the
 * browser (no issues yet: the validator loads after the first paint). React Flow's store starts
 * with it (`SeedOpeningView`), so the server renders the steps in view.
 */
export function openingFlow(definition: Definition, pane: PaneSize): OpeningFlow {
  const derive = createFlowCache();
  const flow = derive(definition, []);
  const nodes = reconcileNodes([], flow.nodes, new Set());
  const edges = reconcileEdges([], styledEdges(flow.edges, undefined));
  return { nodes, edges, pane, derive, viewport: openingViewport(nodes.map(nodeBox), pane.width, pane.height) };
}

/**
 * Puts the opening viewport into React Flow's first state. React renders a store's first state on
 * the server and while hydrating (useSyncExternalStore's server snapshot), and React Flow's store
 * takes nodes and a size but no viewport at creation: set before anything reads it (this renders
 * first inside the provider), the server draws the steps where the browser will show them.
 */
export function SeedOpeningView({ opening }: { opening: OpeningFlow | null }) {
  const flowStore = useStoreApi<StepNodeType, StepEdge>();
  useState(() => {
    const state = flowStore.getState();
    // Nothing mounted yet, so nothing has replaced the first state: changed in place, it is what the
    // server snapshot is. (React Flow sets the viewport from `defaultViewport` once it mounts.)
    if (opening && !state.domNode && !state.panZoom) state.transform = [opening.viewport.x, opening.viewport.y, opening.viewport.zoom];
  });
  return null;
}

export function FlowCanvas({ issues, edgeStatus, children, miniMap = true, opening: openingFlow }: FlowCanvasProps) {
  const { store, readOnly, announce } = useDesigner();
  const definition = useStore(store, (state) => state.definition);
  const selection = useStore(store, (state) => state.selection);
  const [derive] = useState(() => openingFlow?.derive ?? createFlowCache());
  const derived = useMemo(() => derive(definition, issues), [derive, definition, issues]);
  const selected = useMemo(() => new Set(selection), [selection]);
  const [nodes, setNodes] = useState<StepNodeType[]>(() => reconcileNodes(openingFlow?.nodes ?? [], derived.nodes, selected));
  const [edges, setEdges] = useState<StepEdge[]>(() => reconcileEdges(openingFlow?.edges ?? [], styledEdges(derived.edges, edgeStatus)));
  const screenToFlow = useScreenToFlow();
  // Zoomed out, edges lose arrowheads and labels through one class (globals.css), not a re-render of each.
  const zoomedOut = useFlowStore(zoomedOutSelector);
  const overview = zoomedOut && nodes.length > overviewStepLimit;
  // Hidden, the steps stay in React Flow (zoom to fit, selection) but are not mounted.
  const fitOptions = useMemo(() => zoomToFitOptions(nodes.length), [nodes.length]);
  const flowNodes = useMemo(() => (overview ? nodes.map((node) => ({ ...node, hidden: true })) : nodes), [overview, nodes]);

  // React Flow's nodes and edges follow the document while rendering (not in an effect, which would
  // paint the stale graph first); reconcile keeps the objects of unchanged steps.
  const [followed, setFollowed] = useState({ derived, selected, edgeStatus });
  if (followed.derived !== derived || followed.selected !== selected || followed.edgeStatus !== edgeStatus) {
    setFollowed({ derived, selected, edgeStatus });
    if (followed.derived !== derived || followed.selected !== selected) setNodes((current) => reconcileNodes(current, derived.nodes, selected));
    if (followed.derived !== derived || followed.edgeStatus !== edgeStatus) setEdges((current) => reconcileEdges(current, styledEdges(derived.edges, edgeStatus)));
  }

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNodeType>[]) => {
      const allowed = changes.filter((change) => change.type !== "remove" && (!readOnly || change.type !== "position"));
      setNodes((current) => applyNodeChanges(allowed, current));
      if (allowed.some((change) => change.type === "select")) {
        const next = new Set(store.getState().selection);
        for (const change of allowed) {
          if (change.type !== "select") continue;
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
        }
        store.getState().setSelection([...next]);
      }
    },
    [store, readOnly],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<StepEdge>[]) => setEdges((current) => applyEdgeChanges(changes.filter((change) => change.type === "select"), current)),
    [],
  );
  const onNodeDragStop: OnNodeDrag<StepNodeType> = useCallback(
    (_event, _node, dragged) => store.getState().moveSteps(dragged.map(({ id, position }) => ({ id, position }))),
    [store],
  );
  const isValidConnection = useCallback(
    (connection: Connection | StepEdge) => checkConnection(store.getState().definition, connection).ok,
    [store],
  );
  const onConnect = useCallback(
    (connection: Connection) => {
      const refusal = store.getState().connect(connection);
      announce(refusal ? `Connection refused: ${refusal}` : `Connected ${connection.source} to ${connection.target}`);
    },
    [store, announce],
  );
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const fromSource = state.fromHandle?.type !== "target";
      const [source, target] = fromSource ? [state.fromNode, state.toNode] : [state.toNode, state.fromNode];
      const sourceHandle = fromSource ? state.fromHandle?.id : state.toHandle?.id;
      const verdict = checkConnection(store.getState().definition, { source: source.id, target: target.id, sourceHandle });
      if (!verdict.ok) announce(`Connection refused: ${verdict.reason}`);
    },
    [store, announce],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(paletteDragType);
      if (!type || readOnly) return;
      event.preventDefault();
      const id = store.getState().addStep(type, screenToFlow({ x: event.clientX, y: event.clientY }));
      announce(`Added ${id}`);
    },
    [store, readOnly, screenToFlow, announce],
  );

  const { screenToFlowPosition, setViewport, getNodes } = useReactFlow<StepNodeType, StepEdge>();
  // In the overview a click on a step's box selects it (React Flow sees only the pane). React Flow
  // clears the selection right after this handler, so the step is selected once it has.
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      if (!overview) return;
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const hit = nodes.findLast((node) => {
        const box = nodeBox(node);
        return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
      });
      if (hit) queueMicrotask(() => store.getState().setSelection([hit.id]));
    },
    [overview, nodes, screenToFlowPosition, store],
  );

  // The first view is worked out from the pane's size and the steps' declared boxes before React
  // Flow mounts, so its first frame is the final one (no fitView after measuring).
  const pane = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport | null>(openingFlow?.viewport ?? null);
  useLayoutEffect(() => {
    if (opening || !pane.current) return;
    setOpening(openingViewport(nodes.map(nodeBox), pane.current.clientWidth, pane.current.clientHeight));
  }, [opening, nodes]);
  // Drawn first for a remembered (or assumed) pane size: the real pane may differ. The view is
  // corrected once (React Flow's pan and zoom exist by now: its effects ran before this one), and
  // the pane's size is remembered for the next first view.
  // Drawn by the server, the canvas shows before its code runs: named "Workflow canvas" (and not
  // busy) once it can be used.
  const interactive = useInBrowser();
  const [drawnFirst] = useState(openingFlow?.viewport);
  useEffect(() => {
    const element = pane.current;
    if (!drawnFirst || !element) return;
    const { clientWidth: width, clientHeight: height } = element;
    if (width > 0 && height > 0) {
      const real = openingViewport(getNodes().map(nodeBox), width, height);
      if (Math.abs(real.x - drawnFirst.x) > 0.5 || Math.abs(real.y - drawnFirst.y) > 0.5 || Math.abs(real.zoom - drawnFirst.zoom) > 1e-3) void setViewport(real);
    }
    const remember = () => {
      if (element.clientWidth > 0 && element.clientHeight > 0) document.cookie = paneCookieText({ width: element.clientWidth, height: element.clientHeight });
    };
    remember();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(remember, 500);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [drawnFirst, setViewport, getNodes]);

  return (
    <div ref={pane} className="size-full">
      {opening && (
        <ReactFlow<StepNodeType, StepEdge>
          nodes={flowNodes}
          edges={overview ? noEdges : edges}
          onPaneClick={onPaneClick}
          nodeTypes={nodeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onDrop={onDrop}
          onDragOver={allowPaletteDrop}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control"]}
          snapToGrid
          snapGrid={snapGrid}
          onlyRenderVisibleElements
          minZoom={0.05}
          maxZoom={2}
          defaultViewport={opening}
          aria-label={interactive ? "Workflow canvas" : "Loading the workflow"}
          aria-busy={!interactive}
          className={`orka-canvas${zoomedOut ? " orka-zoomed-out" : ""}`}
        >
          {overview && <StepOverview nodes={nodes} edges={edges} />}
          {miniMap && nodes.length <= miniMapStepLimit && <MiniMap pannable zoomable ariaLabel="Mini map" className="!bg-white/90" nodeStrokeWidth={3} />}
          <Controls showInteractive={false} fitViewOptions={fitOptions} />
          {!readOnly && <ConnectionHint />}
          {children}
        </ReactFlow>
      )}
    </div>
  );
}

function allowPaletteDrop(event: DragEvent) {
  if (!event.dataTransfer.types.includes(paletteDragType)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = "copy";
}

const problemEdgeStyle: CSSProperties = { stroke: "#e11d48", strokeWidth: 2 };

export type EdgeStatus = "added" | "removed" | "unchanged" | "taken" | "dead" | "pending";

const edgeStatusStyles: Partial<Record<EdgeStatus, CSSProperties>> = {
  added: { stroke: "#059669", strokeWidth: 2.5 },
  removed: { stroke: "#e11d48", strokeWidth: 2, strokeDasharray: "6 4" },
  taken: { stroke: "#059669", strokeWidth: 2.5 },
  dead: { stroke: "#cbd5e1", strokeWidth: 1.5, strokeDasharray: "4 4", opacity: 0.7 },
};

function styledEdges(edges: StepEdge[], edgeStatus: FlowCanvasProps["edgeStatus"]): StepEdge[] {
  return edges.map((edge) => {
    const status = edgeStatus?.[edge.id];
    const style = status && edgeStatusStyles[status];
    if (style) return { ...edge, style, ariaLabel: `${edge.ariaLabel} (${status})` };
    const issue = edge.data?.issues[0];
    if (!issue) return edge;
    return { ...edge, style: problemEdgeStyle, label: "⚠", ariaLabel: `${edge.ariaLabel}: ${issue.message}` };
  });
}
