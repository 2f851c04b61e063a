// Large orka/v1 definitions for the canvas benchmark: a layered DAG laid out on a grid.

export interface GeneratedGraph {
  definition: {
    format: "orka/v1";
    name: string;
    steps: { id: string; type: string; name?: string; config: Record<string, unknown>; position: { x: number; y: number } }[];
    edges: { from: string; to: string; branch?: string }[];
  };
  columns: number;
  lanes: number;
  /** Flow-space size of the drawing (node width 200 included). */
  width: number;
  height: number;
}

const columnSpacing = 240;
const laneHeight = 200;
/** The false branch of a condition is drawn this far below its lane. */
const branchOffset = 100;

/**
 * `count` steps in lanes `columns` wide (left to right), each lane one chain of noop and code steps
 * with a condition every few columns whose true and false branches rejoin (a diamond); each lane's
 * last step feeds the next lane's first. Columns grow with the size so the whole graph keeps roughly
 * the canvas' aspect ratio (zooming out to all of it stays above the canvas' minimum zoom); at least
 * 25 columns, always much wider than the screen at zoom 1.
 */
export function generateGraph(count: number): GeneratedGraph {
  const columns = Math.max(25, Math.round(Math.sqrt(1.1 * count)));
  const steps: GeneratedGraph["definition"]["steps"] = [];
  const edges: GeneratedGraph["definition"]["edges"] = [];
  let previous: string | null = null;
  let lane = 0;
  const add = (type: string, column: number, y: number, config: Record<string, unknown>) => {
    const index = steps.length;
    const id = `s${index}`;
    steps.push({
      id,
      type,
      ...(index % 4 === 0 && { name: `Step ${index}` }),
      config,
      position: { x: column * columnSpacing, y },
    });
    return id;
  };
  const plain = (column: number, y: number) =>
    steps.length % 3 === 2 ? add("code", column, y, { source: "return { n: input.n + 1 };" }) : add("noop", column, y, {});

  while (steps.length < count) {
    const top = lane * laneHeight;
    for (let column = 0; column < columns && steps.length < count; ) {
      const remaining = count - steps.length;
      if (column % 6 === 2 && column + 2 < columns && remaining >= 4) {
        const check = add("condition", column, top, { expression: "$input.n % 2 = 0" });
        const yes = plain(column + 1, top);
        const no = plain(column + 1, top + branchOffset);
        const join = plain(column + 2, top);
        if (previous) edges.push({ from: previous, to: check });
        edges.push({ from: check, to: yes, branch: "true" }, { from: check, to: no, branch: "false" }, { from: yes, to: join }, { from: no, to: join });
        previous = join;
        column += 3;
      } else {
        const id = plain(column, top);
        if (previous) edges.push({ from: previous, to: id });
        previous = id;
        column += 1;
      }
    }
    lane += 1;
  }
  return {
    definition: { format: "orka/v1", name: `canvas_bench_${count}`, steps, edges },
    columns,
    lanes: lane,
    width: (columns - 1) * columnSpacing + 200,
    height: (lane - 1) * laneHeight + branchOffset + 60,
  };
}
