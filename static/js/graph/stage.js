// The passes' stages on the graph: a forward sweep greys the layers it passed and hides those ahead;
// a backward sweep colours the layers from the output back.

/** How layer l's edges look at `stage` (null: everything shown). */
export function stageOf(stage, l) {
  const forward = stage?.phase === "forward";
  const backward = stage?.phase === "backward";
  return {
    pending: (forward && l > stage.l) || (backward && l < stage.l),
    current: !!stage && l === stage.l && (backward || l > 0),
    uncoloured: forward && l <= stage.l,
  };
}

/** The stage as classes on the SVG, its node layers and its edge layers (the CSS does the rest). */
export function markStage(svg, gNodes, gEdges, stage) {
  svg.classed("stage-forward", stage?.phase === "forward").classed("stage-backward", stage?.phase === "backward");
  gNodes.selectAll("g.layer-nodes")
    .classed("pending", (l) => stage?.phase === "forward" && l > stage.l)
    .classed("current", (l) => !!stage && l === stage.l);
  gEdges.selectAll("g.layer-edges")
    .classed("pending", (l) => stageOf(stage, l).pending)
    .classed("current", (l) => stageOf(stage, l).current)
    .classed("uncoloured", (l) => stageOf(stage, l).uncoloured);
}
